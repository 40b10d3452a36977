package org.haipump.partners;

import java.time.Instant;
import java.util.UUID;

/** The answer to registering a partner: the only one that shows its first webhook secret. */
public record CreatedPartnerResponse(UUID id, String name, String contactEmail, String webhookUrl,
                                     Instant createdAt, Instant updatedAt, String webhookSecret) {

    static CreatedPartnerResponse of(PartnerResponse partner, String webhookSecret) {
        return new CreatedPartnerResponse(partner.id(), partner.name(), partner.contactEmail(), partner.webhookUrl(),
                partner.createdAt(), partner.updatedAt(), webhookSecret);
    }
}
