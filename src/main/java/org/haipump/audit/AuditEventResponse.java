package org.haipump.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record AuditEventResponse(
        long id,
        Instant occurredAt,
        String requestId,
        String actor,
        List<String> roles,
        String partnerId,
        AuditAction action,
        String operation,
        String resourceType,
        String resourceId,
        List<UUID> patientIds,
        AuditOutcome outcome,
        int status,
        String callerRequestId,
        String clientAddress,
        String tokenClient,
        String tokenId) {

    static AuditEventResponse of(AuditEventEntity e) {
        return new AuditEventResponse(e.id, e.occurredAt, e.requestId, e.actor,
                e.roles == null || e.roles.isEmpty() ? List.of() : List.of(e.roles.split(",")), e.partnerId,
                e.action, e.operation, e.resourceType, e.resourceId, List.of(e.patientIds), e.outcome, e.status,
                e.callerRequestId, e.clientAddress, e.tokenClient, e.tokenId);
    }
}
