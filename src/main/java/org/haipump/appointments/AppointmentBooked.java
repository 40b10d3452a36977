package org.haipump.appointments;

import java.time.Instant;
import java.util.UUID;

/** Fired inside the booking's transaction. */
public record AppointmentBooked(UUID appointmentId, UUID pumpId, UUID patientId, Instant startsAt, boolean urgent,
                                Instant at) {
}
