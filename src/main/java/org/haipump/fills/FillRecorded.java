package org.haipump.fills;

import java.time.Instant;
import java.util.UUID;
import org.haipump.cycle.RefillLocation;
import org.haipump.cycle.AcceptedFill;
import org.haipump.cycle.NextRefill;

/**
 * Fired inside the transaction that records a fill: the overdue flag of the finished cycle
 * resolves, and what the fill found of the pump's flow raises or resolves flow flags and reviews.
 *
 * @param findings   what the rules found: the flow, and whether the fill came after the reserve ended
 * @param nextRefill the pump's next refill after this fill
 * @param location   where the completed appointment took place; null when the fill completed none
 */
public record FillRecorded(
        UUID fillId,
        UUID pumpId,
        UUID patientId,
        Instant performedAt,
        AcceptedFill findings,
        NextRefill nextRefill,
        RefillLocation location,
        Instant recordedAt) {
}
