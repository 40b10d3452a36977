package org.haipump.appointments;

import java.time.Instant;
import java.util.UUID;

/** Fired inside the transaction that moved a booked appointment. */
public record AppointmentRescheduled(UUID appointmentId, UUID pumpId, UUID patientId, Instant previousStartsAt,
                                     Instant startsAt, boolean urgent, Instant at) {
}
