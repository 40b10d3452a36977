package org.haipump.appointments;

import java.time.Instant;
import java.util.UUID;

/** Fired inside the overdue scan's transaction that marked a booked visit nobody kept as missed. */
public record AppointmentMissed(UUID appointmentId, UUID pumpId, UUID patientId, Instant at) {
}
