package org.haipump.pumps;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class FillRepository implements PanacheRepositoryBase<FillEntity, UUID> {

    public PanacheQuery<FillEntity> newestFirst(UUID pumpId) {
        return find("pumpId = ?1 order by performedAt desc", pumpId);
    }
}
