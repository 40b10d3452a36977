package org.haipump.fills;

import java.time.Instant;
import java.util.UUID;
import org.haipump.appointments.RefillLocation;

/**
 * Fired inside the transaction that records a fill: the overdue flag of the finished cycle
 * resolves, and a flow out of tolerance raises a flag.
 *
 * @param location where the completed appointment took place; null when the fill completed none
 */
public record FillRecorded(
        UUID fillId,
        UUID pumpId,
        UUID patientId,
        Instant performedAt,
        Double flowDeviationPercent,
        boolean flowOutOfTolerance,
        RefillLocation location,
        Instant recordedAt) {
}
