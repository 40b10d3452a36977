package org.haipump.pumps;

import java.time.Instant;
import java.util.UUID;

/** Fired inside the transaction that cancels a glycerol hold. */
public record GlycerolHoldCancelled(UUID holdId, UUID pumpId, UUID patientId, Instant at, String by) {
}
