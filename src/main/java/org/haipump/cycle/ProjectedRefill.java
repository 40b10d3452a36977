package org.haipump.cycle;

import java.time.Instant;

/** One refill of a projected schedule, as if every earlier refill happened on its due time. */
public record ProjectedRefill(Instant dueAt, Instant reserveEndsAt, Drug drug, DeadlineBasis basis) {
}
