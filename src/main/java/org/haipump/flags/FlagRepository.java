package org.haipump.flags;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class FlagRepository implements PanacheRepositoryBase<FlagEntity, UUID> {

    public List<FlagEntity> openFor(UUID pumpId, FlagKind kind) {
        return list("pumpId = ?1 and kind = ?2 and status = ?3", pumpId, kind, FlagStatus.OPEN);
    }

    public List<FlagEntity> openFor(UUID pumpId) {
        return list("pumpId = ?1 and status = ?2", pumpId, FlagStatus.OPEN);
    }

    public List<FlagEntity> openForPumps(Collection<UUID> pumpIds) {
        if (pumpIds.isEmpty()) {
            return List.of();
        }
        return list("pumpId in ?1 and status = ?2 order by raisedAt", pumpIds, FlagStatus.OPEN);
    }
}
