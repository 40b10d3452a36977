package org.haipump.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** One row of the append-only audit trail (the database refuses updates and deletes). */
@Entity
@Immutable
@Table(name = "audit_event")
public class AuditEventEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "request_id", nullable = false)
    public String requestId;

    public String actor;

    public String roles;

    @Column(name = "partner_id")
    public String partnerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AuditAction action;

    @Column(nullable = false)
    public String operation;

    @Column(name = "resource_type", nullable = false)
    public String resourceType;

    @Column(name = "resource_id")
    public String resourceId;

    @Column(name = "patient_ids", nullable = false)
    public UUID[] patientIds;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AuditOutcome outcome;

    @Column(nullable = false)
    public short status;

    @Column(name = "caller_request_id")
    public String callerRequestId;

    @Column(name = "client_address")
    public String clientAddress;

    @Column(name = "token_client")
    public String tokenClient;

    @Column(name = "token_id")
    public String tokenId;
}
