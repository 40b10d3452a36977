package org.haipump.partners;

import java.time.Instant;
import java.util.UUID;

/** Fired inside the assignment's transaction: the partner refills this patient at home from now on. */
public record PartnerAssigned(UUID assignmentId, UUID patientId, UUID partnerId, UUID previousPartnerId,
                              Instant at, String by) {
}
