package org.haipump.flags;

import java.time.Instant;
import java.util.UUID;

/** Fired inside the overdue scan's transaction that escalated an overdue flag to CRITICAL. */
public record FlagEscalated(UUID flagId, UUID pumpId, UUID patientId, Instant at) {
}
