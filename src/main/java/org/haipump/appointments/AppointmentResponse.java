package org.haipump.appointments;

import java.time.Instant;
import java.util.UUID;
import org.haipump.cycle.Drug;
import org.haipump.audit.PatientRecord;

public record AppointmentResponse(
        UUID id,
        UUID pumpId,
        UUID patientId,
        Instant startsAt,
        RefillLocation location,
        String site,
        Drug plannedDrug,
        String reason,
        AppointmentStatus status,
        Instant refillDueAt,
        Instant windowOpensAt,
        Instant windowClosesAt,
        String bookedBy,
        Instant bookedAt,
        Instant cancelledAt,
        String cancelledBy,
        String cancellationReason,
        Instant completedAt,
        UUID fillId) implements PatientRecord {

    public static AppointmentResponse of(AppointmentEntity a) {
        return new AppointmentResponse(a.id, a.pumpId, a.patientId, a.startsAt, a.location, a.site, a.plannedDrug,
                a.reason, a.status, a.refillDueAt, a.windowOpensAt, a.windowClosesAt, a.bookedBy, a.bookedAt,
                a.cancelledAt, a.cancelledBy, a.cancellationReason, a.completedAt, a.fillId);
    }
}
