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

    /** Native SQL: Hibernate would translate an HQL {@code in} list to SQL anew on every call. */
    @SuppressWarnings("unchecked")
    public List<GlycerolHoldEntity> forPumps(List<UUID> pumpIds) {
        if (pumpIds.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createNativeQuery(
                        "select * from glycerol_hold where pump_id in (:pumpIds) order by depart_on",
                        GlycerolHoldEntity.class)
                .setParameter("pumpIds", pumpIds)
                .getResultList();
    }
}
