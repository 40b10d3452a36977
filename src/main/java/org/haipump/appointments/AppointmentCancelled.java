package org.haipump.appointments;

import java.time.Instant;
import java.util.UUID;

/** Fired inside the cancellation's transaction, a cancellation by the pump's removal included. */
public record AppointmentCancelled(UUID appointmentId, UUID pumpId, UUID patientId, Instant at) {
}
