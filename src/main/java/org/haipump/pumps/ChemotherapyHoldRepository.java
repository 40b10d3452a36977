package org.haipump.pumps;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.haipump.platform.persistence.ByIds;

@ApplicationScoped
public class ChemotherapyHoldRepository implements PanacheRepositoryBase<ChemotherapyHoldEntity, UUID> {

    public List<ChemotherapyHoldEntity> forPump(UUID pumpId) {
        return list("pumpId = ?1 order by startsOn, createdAt", pumpId);
    }

    public List<ChemotherapyHoldEntity> forPumps(List<UUID> pumpIds) {
        return ByIds.select(getEntityManager(), ChemotherapyHoldEntity.class,
                "select * from chemotherapy_hold where pump_id in (:ids) order by starts_on", pumpIds);
    }

    /**
     * The pump's hold, locked until the transaction ends. The overdue scan locks the holds it raises
     * a review for, so that an end and a review of the same hold happen one after the other.
     */
    public Optional<ChemotherapyHoldEntity> findForUpdate(UUID pumpId, UUID holdId) {
        return findByIdOptional(holdId, LockModeType.PESSIMISTIC_WRITE).filter(h -> h.pumpId.equals(pumpId));
    }
}
