package org.haipump.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The answer to registering a clinic-wide endpoint: the only one that shows its first secret. */
public record CreatedWebhookEndpointResponse(UUID id, String url, List<EventType> eventTypes, String description,
                                             Instant createdAt, Instant updatedAt, String webhookSecret) {

    static CreatedWebhookEndpointResponse of(WebhookEndpointResponse endpoint, String webhookSecret) {
        return new CreatedWebhookEndpointResponse(endpoint.id(), endpoint.url(), endpoint.eventTypes(),
                endpoint.description(), endpoint.createdAt(), endpoint.updatedAt(), webhookSecret);
    }
}
