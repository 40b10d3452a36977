package org.haipump.appointments;

import java.time.Instant;
import java.util.UUID;
import org.haipump.cycle.Drug;

/** Fired inside the transaction whose change of the pump's plan gave an open appointment another drug. */
public record AppointmentPlannedDrugChanged(UUID appointmentId, UUID pumpId, UUID patientId, Drug previous,
                                            Drug planned, Instant at) {
}
