package org.haipump.pumps;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.haipump.platform.persistence.ByIds;

@ApplicationScoped
public class GlycerolHoldRepository implements PanacheRepositoryBase<GlycerolHoldEntity, UUID> {

    public List<GlycerolHoldEntity> forPump(UUID pumpId) {
        return list("pumpId = ?1 order by departOn", pumpId);
    }

    public List<GlycerolHoldEntity> forPumps(List<UUID> pumpIds) {
        return ByIds.select(getEntityManager(), GlycerolHoldEntity.class, "select * from glycerol_hold where pump_id in (:ids) order by depart_on", pumpIds);
    }
}
