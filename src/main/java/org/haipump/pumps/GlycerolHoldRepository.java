package org.haipump.pumps;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class GlycerolHoldRepository implements PanacheRepositoryBase<GlycerolHoldEntity, UUID> {

    public List<GlycerolHoldEntity> forPump(UUID pumpId) {
        return list("pumpId = ?1 order by departOn", pumpId);
    }

    public List<GlycerolHoldEntity> forPumps(List<UUID> pumpIds) {
        return list("pumpId in ?1 order by departOn", pumpIds);
    }
}
