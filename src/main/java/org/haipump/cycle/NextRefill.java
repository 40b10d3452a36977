package org.haipump.cycle;

import java.time.Instant;

/**
 * The refill a pump needs next.
 *
 * @param predictedEmptyAt when the reservoir should run dry at the rate predictions use; null after
 *                         a glycerol fill, whose slowed flow is not measured
 * @param basis            which rule set the due time
 */
public record NextRefill(
        Instant dueAt,
        Instant reserveEndsAt,
        Drug drug,
        RefillStatus status,
        Instant predictedEmptyAt,
        DeadlineBasis basis) {
}
