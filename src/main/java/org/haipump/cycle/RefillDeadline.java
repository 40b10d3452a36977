package org.haipump.cycle;

import java.time.Instant;

/**
 * When the refill after a fill is due, when its reserve ends, and why.
 *
 * @param predictedEmptyAt when the reservoir runs dry at the rate used; null after a glycerol fill,
 *                         whose slowed flow is not measured
 */
public record RefillDeadline(Instant dueAt, Instant reserveEndsAt, Instant predictedEmptyAt, DeadlineBasis basis) {
}
