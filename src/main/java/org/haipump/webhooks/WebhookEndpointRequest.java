package org.haipump.webhooks;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A clinic-wide endpoint as the clinic registers it, or replaces it whole ({@code PUT}). */
public record WebhookEndpointRequest(
        /** Where the events go: https, public addresses (see {@link WebhookUrlPolicy}). */
        @NotBlank @Size(max = 2000) String url,
        /** The event types it receives, for every patient; repeats count once. */
        @NotEmpty @Size(max = 50) List<@NotNull EventType> eventTypes,
        /** What the system is, for the people who run it: "On-call paging", "EHR interface engine". */
        @Size(max = 500) String description) {
}
