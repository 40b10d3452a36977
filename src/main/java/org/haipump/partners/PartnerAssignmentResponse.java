package org.haipump.partners;

import java.time.Instant;
import java.util.UUID;
import org.haipump.audit.PatientRecord;

/** Which partner refills the patient at home, since when; {@code endedAt} is set once it no longer does. */
public record PartnerAssignmentResponse(UUID id, UUID patientId, UUID partnerId, Instant assignedAt,
                                        String assignedBy, Instant endedAt, String endedBy) implements PatientRecord {

    static PartnerAssignmentResponse of(PartnerAssignmentEntity a) {
        return new PartnerAssignmentResponse(a.id, a.patientId, a.partnerId, a.assignedAt, a.assignedBy, a.endedAt,
                a.endedBy);
    }
}
