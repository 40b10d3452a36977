package org.haipump.appointments;

import org.haipump.cycle.RefillLocation;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.haipump.cycle.Drug;
import org.haipump.audit.PatientRecord;

/**
 * An appointment; {@code urgent} when it starts at or after the end of its refill's reserve,
 * {@code history} the start times it had before each move, oldest first. {@code plannedDrugExplicit}
 * when the booking named the drug; otherwise the drug follows the plan while the appointment is open.
 * A home visit of a patient who has a partner is that partner's work order: {@code partnerId} and
 * {@code workOrderStatus} say where it stands, {@code proposedStartsAt} the start the partner
 * proposed instead (accepted with {@code POST /appointments/{id}/proposal-acceptance}).
 */
public record AppointmentResponse(
        UUID id,
        UUID pumpId,
        UUID patientId,
        Instant startsAt,
        RefillLocation location,
        String site,
        Drug plannedDrug,
        boolean plannedDrugExplicit,
        String reason,
        AppointmentStatus status,
        boolean urgent,
        Instant refillDueAt,
        Instant windowOpensAt,
        Instant windowClosesAt,
        String bookedBy,
        Instant bookedAt,
        Instant cancelledAt,
        String cancelledBy,
        String cancellationReason,
        Instant completedAt,
        UUID fillId,
        Instant missedAt,
        List<Reschedule> history,
        UUID partnerId,
        WorkOrderStatus workOrderStatus,
        Instant workOrderUpdatedAt,
        Instant proposedStartsAt,
        String declineReason) implements PatientRecord {

    /** One move: the start it had before, when, by whom and why. */
    public record Reschedule(Instant previousStartsAt, Instant newStartsAt, String reason, String rescheduledBy,
                             Instant rescheduledAt) {

        static Reschedule of(AppointmentRescheduleEntity r) {
            return new Reschedule(r.previousStartsAt, r.newStartsAt, r.reason, r.rescheduledBy, r.rescheduledAt);
        }
    }

    public static AppointmentResponse of(AppointmentEntity a, List<AppointmentRescheduleEntity> history) {
        return new AppointmentResponse(a.id, a.pumpId, a.patientId, a.startsAt, a.location, a.site, a.plannedDrug,
                a.plannedDrugExplicit, a.reason, a.status, a.urgent, a.refillDueAt, a.windowOpensAt, a.windowClosesAt,
                a.bookedBy, a.bookedAt, a.cancelledAt, a.cancelledBy, a.cancellationReason, a.completedAt, a.fillId,
                a.missedAt, history == null ? List.of() : history.stream().map(Reschedule::of).toList(),
                a.partnerId, a.workOrderStatus, a.workOrderUpdatedAt, a.proposedStartsAt, a.declineReason);
    }
}
