package org.haipump.flags;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.haipump.platform.persistence.ByIds;

@ApplicationScoped
public class FlagRepository implements PanacheRepositoryBase<FlagEntity, UUID> {

    /**
     * Resolves the pump's open flags of a kind in one statement: it waits for, and re-checks after,
     * a concurrent scan or acknowledgement instead of failing on their version.
     */
    public int resolveOpen(UUID pumpId, FlagKind kind, String resolution, Instant at) {
        return update("status = ?1, resolvedAt = ?2, resolution = ?3, version = version + 1"
                        + " where pumpId = ?4 and kind = ?5 and status = ?6",
                FlagStatus.RESOLVED, at, resolution, pumpId, kind, FlagStatus.OPEN);
    }

    /** Resolves the open review flag of a chemotherapy hold, if it has one. */
    public int resolveOpenReview(UUID holdId, String resolution, Instant at) {
        return update("status = ?1, resolvedAt = ?2, resolution = ?3, version = version + 1"
                        + " where chemotherapyHoldId = ?4 and kind = ?5 and status = ?6",
                FlagStatus.RESOLVED, at, resolution, holdId, FlagKind.CHEMO_HOLD_REVIEW, FlagStatus.OPEN);
    }

    public List<FlagEntity> openForPumps(Collection<UUID> pumpIds) {
        return ByIds.select(getEntityManager(), FlagEntity.class, "select * from flag where pump_id in (:ids) and status = 'OPEN' order by raised_at", pumpIds);
    }
}
