package org.haipump.partners;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A partner as the clinic registers it, or replaces it whole ({@code PUT}). */
public record PartnerRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Email @Size(max = 320) String contactEmail,
        /** Where its webhooks go; absent: the partner reads the event feed. */
        @Size(max = 2000) String webhookUrl) {
}
