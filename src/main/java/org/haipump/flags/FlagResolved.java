package org.haipump.flags;

import java.time.Instant;
import java.util.UUID;

/** Fired inside the transaction that resolved a flag: a fill, a removal, a review, or the overdue scan. */
public record FlagResolved(UUID flagId, UUID pumpId, UUID patientId, FlagKind kind, String resolution, Instant at) {
}
