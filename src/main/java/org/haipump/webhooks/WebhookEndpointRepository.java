package org.haipump.webhooks;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class WebhookEndpointRepository implements PanacheRepositoryBase<WebhookEndpointEntity, UUID> {

    public Optional<WebhookEndpointEntity> ofPartner(UUID partnerId) {
        return find("partnerId", partnerId).firstResultOptional();
    }
}
