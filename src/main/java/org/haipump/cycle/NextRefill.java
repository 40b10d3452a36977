package org.haipump.cycle;

import java.time.Instant;

/**
 * The refill a pump needs next.
 *
 * @param predictedEmptyAt when the reservoir should run dry at the known flow rate; null after a
 *                         glycerol fill, whose slowed flow is not measured
 */
public record NextRefill(
        Instant dueAt,
        Instant reserveEndsAt,
        Drug drug,
        RefillStatus status,
        Instant predictedEmptyAt) {
}
