package org.haipump.webhooks;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class WebhookSecretRepository implements PanacheRepositoryBase<WebhookSecretEntity, UUID> {

    /** The secrets that sign at {@code now}, newest first. */
    public List<WebhookSecretEntity> signing(UUID endpointId, Instant now) {
        return list("endpointId = ?1 and (expiresAt is null or expiresAt > ?2) order by createdAt desc, id",
                endpointId, now);
    }
}
