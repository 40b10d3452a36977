package org.haipump.appointments;

import java.time.Instant;
import java.util.UUID;

/**
 * Fired inside the transaction in which a partner answered a home work order: accepted, declined
 * (with its reason) or proposed another start ({@code proposedStartsAt}).
 */
public record WorkOrderAnswered(UUID appointmentId, UUID pumpId, UUID patientId, UUID partnerId,
                                WorkOrderStatus status, Instant proposedStartsAt, String declineReason,
                                Instant at, String by) {
}
