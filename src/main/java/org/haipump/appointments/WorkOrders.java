package org.haipump.appointments;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.haipump.cycle.RefillLocation;
import org.haipump.partners.PartnerAssigned;
import org.haipump.partners.PartnerAssignmentRepository;
import org.haipump.partners.PartnerUnassigned;

/**
 * Which home visits are work orders, and for which partner: a HOME appointment of a patient who
 * has a partner is a work order for that partner, from its booking or from the partner's
 * assignment, until it closes. A move by the clinic asks the partner again.
 */
@ApplicationScoped
public class WorkOrders {

    private final PartnerAssignmentRepository assignments;
    private final AppointmentRepository appointments;

    WorkOrders(PartnerAssignmentRepository assignments, AppointmentRepository appointments) {
        this.assignments = assignments;
        this.appointments = appointments;
    }

    /** A new home visit of a patient with a partner is a work order waiting for the partner's answer. */
    void orderOnBooking(AppointmentEntity appointment, Instant now) {
        if (appointment.location == RefillLocation.HOME) {
            assignments.current(appointment.patientId).ifPresent(a -> order(appointment, a.partnerId, now));
        }
    }

    /** The partner answered for the old start, not the new one: the work order waits again. */
    void reopenAfterMove(AppointmentEntity appointment, Instant now) {
        if (appointment.workOrderStatus != null) {
            order(appointment, appointment.partnerId, now);
        }
    }

    /** The patient's open home visits become the new partner's work orders, to be answered anew. */
    void onAssigned(@Observes PartnerAssigned assigned) {
        for (AppointmentEntity appointment : openHomeVisits(assigned)) {
            order(appointment, assigned.partnerId(), assigned.at());
        }
    }

    /** The partner loses the patient's open home visits with the patient; the clinic sees them as plain visits. */
    void onUnassigned(@Observes PartnerUnassigned unassigned) {
        for (AppointmentEntity appointment : appointments.list(
                "patientId = ?1 and status = ?2 and partnerId = ?3", unassigned.patientId(),
                AppointmentStatus.BOOKED, unassigned.partnerId())) {
            workOrder(appointment, null, null, unassigned.at());
        }
    }

    private List<AppointmentEntity> openHomeVisits(PartnerAssigned assigned) {
        return appointments.list("patientId = ?1 and status = ?2 and location = ?3", assigned.patientId(),
                AppointmentStatus.BOOKED, RefillLocation.HOME);
    }

    /** A work order for the partner, waiting for its answer. */
    private static void order(AppointmentEntity appointment, UUID partnerId, Instant now) {
        workOrder(appointment, partnerId, WorkOrderStatus.PENDING, now);
    }

    /** The visit becomes the partner's work order in this state, or no work order (both null); earlier answers go. */
    private static void workOrder(AppointmentEntity appointment, UUID partnerId, WorkOrderStatus status, Instant now) {
        appointment.partnerId = partnerId;
        appointment.workOrderStatus = status;
        appointment.workOrderUpdatedAt = now;
        appointment.declineReason = null;
        appointment.proposedStartsAt = null;
    }
}
