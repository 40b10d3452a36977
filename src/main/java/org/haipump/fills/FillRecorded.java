package org.haipump.fills;

import java.time.Instant;
import java.util.UUID;

/**
 * Fired inside the transaction that records a fill: the overdue flag of the finished cycle
 * resolves, and a flow out of tolerance raises a flag.
 */
public record FillRecorded(
        UUID fillId,
        UUID pumpId,
        UUID patientId,
        Instant performedAt,
        Double flowDeviationPercent,
        boolean flowOutOfTolerance,
        Instant recordedAt) {
}
