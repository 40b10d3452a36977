package org.haipump.flags;

import java.time.Instant;
import java.util.UUID;

/** Fired inside the transaction that raised a flag, or reopened one (the overdue scan). */
public record FlagRaised(UUID flagId, UUID pumpId, UUID patientId, FlagKind kind, FlagLevel level, Instant at) {
}
