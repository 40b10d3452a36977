package org.haipump.webhooks;

import java.time.Instant;

/**
 * One event's delivery to one endpoint: where it stands ({@code PENDING}, {@code DELIVERED},
 * {@code DEAD}), how many attempts it took, and what the last one got: the HTTP status, else what
 * failed (never a response body).
 */
public record DeliveryResponse(
        String eventId,
        String type,
        Instant occurredAt,
        String status,
        int attempts,
        Instant lastAttemptAt,
        Integer lastStatusCode,
        String lastError,
        Instant nextAttemptAt,
        Instant deliveredAt) {
}
