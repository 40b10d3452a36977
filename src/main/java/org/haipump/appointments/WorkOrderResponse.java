package org.haipump.appointments;

import java.time.Instant;
import java.util.UUID;
import org.haipump.audit.PatientRecord;
import org.haipump.cycle.Drug;
import org.haipump.cycle.RefillLocation;

/**
 * A home visit as its partner sees it: when and where, what to fill, the refill's window, and
 * where the work order stands. The partner reads the patient through the refill list.
 */
public record WorkOrderResponse(
        UUID id,
        UUID pumpId,
        UUID patientId,
        Instant startsAt,
        RefillLocation location,
        String site,
        Drug plannedDrug,
        AppointmentStatus status,
        boolean urgent,
        Instant refillDueAt,
        Instant windowOpensAt,
        Instant windowClosesAt,
        WorkOrderStatus workOrderStatus,
        Instant workOrderUpdatedAt,
        Instant proposedStartsAt,
        String declineReason,
        Instant missedAt,
        Instant completedAt,
        UUID fillId) implements PatientRecord {

    static WorkOrderResponse of(AppointmentEntity a) {
        return new WorkOrderResponse(a.id, a.pumpId, a.patientId, a.startsAt, a.location, a.site, a.plannedDrug,
                a.status, a.urgent, a.refillDueAt, a.windowOpensAt, a.windowClosesAt, a.workOrderStatus,
                a.workOrderUpdatedAt, a.proposedStartsAt, a.declineReason, a.missedAt, a.completedAt, a.fillId);
    }
}
