package org.haipump.webhooks;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class WebhookEndpointRepository implements PanacheRepositoryBase<WebhookEndpointEntity, UUID> {

    public Optional<WebhookEndpointEntity> ofPartner(UUID partnerId) {
        return find("partnerId", partnerId).firstResultOptional();
    }

    /** A clinic-wide endpoint that has not been removed. */
    Optional<WebhookEndpointEntity> clinicWide(UUID id, LockModeType lock) {
        return find("id = ?1 and partnerId is null and removedAt is null", id).withLock(lock).firstResultOptional();
    }

    /** The clinic-wide endpoints in use, oldest first. */
    PanacheQuery<WebhookEndpointEntity> clinicWide() {
        return find("partnerId is null and removedAt is null order by createdAt, id");
    }
}
