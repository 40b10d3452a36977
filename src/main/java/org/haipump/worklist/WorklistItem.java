package org.haipump.worklist;

import java.util.List;
import java.util.UUID;
import org.haipump.appointments.AppointmentResponse;
import org.haipump.cycle.TherapyMode;
import org.haipump.flags.FlagResponse;
import org.haipump.pumps.NextRefillResponse;
import org.haipump.audit.PatientRecord;

/** {@code lastMissedAppointment}: the latest visit missed since the pump's latest fill, if any. */
public record WorklistItem(
        PatientSummary patient,
        UUID pumpId,
        String pumpModel,
        String serialNumber,
        TherapyMode therapyMode,
        NextRefillResponse nextRefill,
        List<FlagResponse> openFlags,
        AppointmentResponse openAppointment,
        AppointmentResponse lastMissedAppointment) implements PatientRecord {

    @Override
    public UUID patientId() {
        return patient.id();
    }

    public record PatientSummary(UUID id, String mrn, String givenName, String familyName, String timeZone) {
    }
}
