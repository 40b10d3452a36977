package org.haipump.patients;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.haipump.audit.PatientRecord;

public record PatientResponse(
        UUID id,
        String mrn,
        String givenName,
        String familyName,
        LocalDate birthDate,
        String timeZone,
        Instant createdAt,
        /** The home-infusion partner currently assigned, if any. */
        UUID partnerId) implements PatientRecord {

    @Override
    public UUID patientId() {
        return id;
    }

    static PatientResponse of(PatientEntity p, UUID partnerId) {
        return new PatientResponse(p.id, p.mrn, p.givenName, p.familyName, p.birthDate, p.timeZone, p.createdAt,
                partnerId);
    }
}
