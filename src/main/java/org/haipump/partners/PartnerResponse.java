package org.haipump.partners;

import java.time.Instant;
import java.util.UUID;

/** A partner; its webhook secret is never shown here (see {@link CreatedPartnerResponse}). */
public record PartnerResponse(UUID id, String name, String contactEmail, String webhookUrl, Instant createdAt,
                              Instant updatedAt) {

    static PartnerResponse of(PartnerEntity partner, String webhookUrl) {
        return new PartnerResponse(partner.id, partner.name, partner.contactEmail, webhookUrl, partner.createdAt,
                partner.updatedAt);
    }
}
