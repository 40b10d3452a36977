package org.haipump.webhooks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A signing secret of an endpoint; deliveries are signed with every secret not yet expired. */
@Entity
@Table(name = "webhook_secret")
public class WebhookSecretEntity {

    @Id
    public UUID id;

    @Column(name = "endpoint_id", nullable = false)
    public UUID endpointId;

    /** {@code whsec_} + base64 of 32 random bytes. */
    @Column(nullable = false)
    public String secret;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Set when a newer secret replaced this one: it keeps signing until then. */
    @Column(name = "expires_at")
    public Instant expiresAt;

    public boolean signsAt(Instant instant) {
        return expiresAt == null || instant.isBefore(expiresAt);
    }
}
