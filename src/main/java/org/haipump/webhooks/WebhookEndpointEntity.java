package org.haipump.webhooks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * Where events are delivered: a partner's own endpoint ({@code partnerId} set; {@code url} may be
 * unset, the partner then reads the event feed), or a clinic-wide system that names its event types.
 */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpointEntity {

    @Id
    public UUID id;

    @Column(name = "partner_id")
    public UUID partnerId;

    public String url;

    /** The event types a clinic-wide endpoint receives; a partner's endpoint receives all of its patients' events. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "event_types")
    public List<String> eventTypes;

    public String description;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    /** When a clinic-wide endpoint was last changed. */
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** A removed clinic-wide endpoint receives nothing more; its deliveries stay as history. */
    @Column(name = "removed_at")
    public Instant removedAt;

    @Column(name = "removed_by")
    public String removedBy;

    @Version
    public long version;

    /** A new endpoint, a partner's when {@code partnerId} is given, as registered at {@code at} by {@code by}. */
    public static WebhookEndpointEntity registered(UUID partnerId, Instant at, String by) {
        WebhookEndpointEntity endpoint = new WebhookEndpointEntity();
        endpoint.id = UUID.randomUUID();
        endpoint.partnerId = partnerId;
        endpoint.createdAt = at;
        endpoint.createdBy = by;
        return endpoint;
    }
}
