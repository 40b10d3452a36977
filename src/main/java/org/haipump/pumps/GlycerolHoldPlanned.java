package org.haipump.pumps;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Fired inside the transaction that plans a glycerol hold. */
public record GlycerolHoldPlanned(UUID holdId, UUID pumpId, UUID patientId, LocalDate departOn, LocalDate returnOn,
                                  Instant plannedRefillDueAt, Instant at, String by) {
}
