package org.haipump.fills;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import java.io.Serializable;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The first answer to a request sent with an {@code Idempotency-Key}, replayed for its repeats. */
@Entity
@Table(name = "idempotency_record")
@IdClass(IdempotencyRecordEntity.Key.class)
public class IdempotencyRecordEntity {

    /** A key belongs to its caller ({@code CurrentActor.idempotencyScope}): two callers may send the same key. */
    public record Key(String caller, String key) implements Serializable {
    }

    @Id
    @Column(nullable = false)
    public String caller;

    @Id
    @Column(name = "idempotency_key")
    public String key;

    /** Fingerprint of the pump and the request body: the same key with another body is refused. */
    @Column(name = "request_hash", nullable = false)
    public String requestHash;

    @Column(name = "pump_id", nullable = false)
    public UUID pumpId;

    @Column(name = "fill_id", nullable = false)
    public UUID fillId;

    @Column(name = "response_status", nullable = false)
    public int responseStatus;

    @Column(name = "response_body", nullable = false)
    public String responseBody;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
