package org.haipump.partnerapi;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.haipump.appointments.AppointmentStatus;
import org.haipump.appointments.WorkOrderStatus;
import org.haipump.audit.PatientRecord;
import org.haipump.cycle.DeadlineBasis;
import org.haipump.cycle.Drug;
import org.haipump.cycle.RefillStatus;

/**
 * A refill a partner's nurse is to do: the minimum necessary to find the patient, bring the right
 * needle and drug, and be in time. {@code appointment}: the latest open or missed home visit.
 */
public record PartnerRefill(
        UUID pumpId,
        Patient patient,
        Pump pump,
        Drug expectedDrug,
        BigDecimal expectedVolumeMl,
        Instant dueAt,
        Instant reserveEndsAt,
        RefillStatus status,
        DeadlineBasis basis,
        Appointment appointment) implements PatientRecord {

    @Override
    public UUID patientId() {
        return patient.id();
    }

    public record Patient(UUID id, String givenName, String familyName, LocalDate birthDate, String mrn) {
    }

    public record Pump(String model, String serialNumber) {
    }

    public record Appointment(UUID id, Instant startsAt, AppointmentStatus status, WorkOrderStatus workOrderStatus,
                              Instant proposedStartsAt) {
    }
}
