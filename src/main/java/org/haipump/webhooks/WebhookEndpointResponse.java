package org.haipump.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A clinic-wide endpoint; its signing secret is never shown here (see {@link CreatedWebhookEndpointResponse}). */
public record WebhookEndpointResponse(UUID id, String url, List<EventType> eventTypes, String description,
                                      Instant createdAt, Instant updatedAt) {

    static WebhookEndpointResponse of(WebhookEndpointEntity endpoint) {
        return new WebhookEndpointResponse(endpoint.id, endpoint.url,
                endpoint.eventTypes.stream().map(EventType::ofWireName).toList(), endpoint.description,
                endpoint.createdAt, endpoint.updatedAt);
    }
}
