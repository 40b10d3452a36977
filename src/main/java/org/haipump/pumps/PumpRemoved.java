package org.haipump.pumps;

import java.time.Instant;
import java.util.UUID;

/** Fired inside the removal's transaction: open appointments and flags of the pump end with it. */
public record PumpRemoved(UUID pumpId, UUID patientId, Instant at, String by) {
}
