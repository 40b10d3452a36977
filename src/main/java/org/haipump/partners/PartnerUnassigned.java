package org.haipump.partners;

import java.time.Instant;
import java.util.UUID;

/** Fired inside the transaction that ends an assignment: the partner loses access to the patient at once. */
public record PartnerUnassigned(UUID assignmentId, UUID patientId, UUID partnerId, Instant at, String by) {
}
