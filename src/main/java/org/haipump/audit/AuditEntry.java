package org.haipump.audit;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What the filter knows of a finished request. {@code owner} is the first resource of the path
 * (e.g. the pump of {@code /pumps/{id}/fills}), used to find the patient when the response names none.
 */
record AuditEntry(
        String requestId,
        String callerRequestId,
        String clientAddress,
        String tokenClient,
        String tokenId,
        String actor,
        List<String> roles,
        String partnerId,
        AuditAction action,
        String operation,
        String resourceType,
        String resourceId,
        Set<UUID> patientIds,
        PatientOwners.Owner owner,
        UUID patientIdParameter,
        int status) {
}
