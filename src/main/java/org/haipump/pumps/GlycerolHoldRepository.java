package org.haipump.pumps;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.haipump.platform.persistence.ByIds;

@ApplicationScoped
public class GlycerolHoldRepository implements PanacheRepositoryBase<GlycerolHoldEntity, UUID> {

    /** Every hold of the pump, cancelled ones included. */
    public List<GlycerolHoldEntity> forPump(UUID pumpId) {
        return list("pumpId = ?1 order by departOn, createdAt", pumpId);
    }

    /** The holds of the pumps' plans: not the cancelled ones. */
    public List<GlycerolHoldEntity> plannedForPumps(List<UUID> pumpIds) {
        return ByIds.select(getEntityManager(), GlycerolHoldEntity.class,
                "select * from glycerol_hold where pump_id in (:ids) and status <> 'CANCELLED' order by depart_on",
                pumpIds);
    }

    /** The pump's hold, locked until the transaction ends. */
    public Optional<GlycerolHoldEntity> findForUpdate(UUID pumpId, UUID holdId) {
        return findByIdOptional(holdId, LockModeType.PESSIMISTIC_WRITE).filter(h -> h.pumpId.equals(pumpId));
    }
}
