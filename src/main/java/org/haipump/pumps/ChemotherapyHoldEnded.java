package org.haipump.pumps;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Fired inside the transaction that ends a chemotherapy hold: its open review flag is resolved. */
public record ChemotherapyHoldEnded(UUID holdId, UUID pumpId, UUID patientId, LocalDate endsOn, Instant at,
                                    String by) {
}
