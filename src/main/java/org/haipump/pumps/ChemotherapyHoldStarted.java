package org.haipump.pumps;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Fired inside the transaction that starts a chemotherapy hold. */
public record ChemotherapyHoldStarted(UUID holdId, UUID pumpId, UUID patientId, LocalDate startsOn,
                                      LocalDate reviewOn, Instant at, String by) {
}
