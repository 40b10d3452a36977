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
     *
     * @return the resolved flags as rows of {@code id, pump_id, patient_id, kind, resolution}
     */
    @SuppressWarnings("unchecked")
    public List<Object[]> resolveOpen(UUID pumpId, FlagKind kind, String resolution, Instant at) {
        return getEntityManager().createNativeQuery("""
                        update flag set status = 'RESOLVED', resolved_at = :at, resolution = :resolution,
                                        version = version + 1
                        where pump_id = :pumpId and kind = :kind and status = 'OPEN'
                        returning id, pump_id, patient_id, kind, resolution""")
                .setParameter("at", at).setParameter("resolution", resolution).setParameter("pumpId", pumpId)
                .setParameter("kind", kind.name()).getResultList();
    }

    /** Resolves the open review flag of a chemotherapy hold, if it has one. */
    @SuppressWarnings("unchecked")
    public List<Object[]> resolveOpenReview(UUID holdId, String resolution, Instant at) {
        return getEntityManager().createNativeQuery("""
                        update flag set status = 'RESOLVED', resolved_at = :at, resolution = :resolution,
                                        version = version + 1
                        where chemotherapy_hold_id = :holdId and kind = 'CHEMO_HOLD_REVIEW' and status = 'OPEN'
                        returning id, pump_id, patient_id, kind, resolution""")
                .setParameter("at", at).setParameter("resolution", resolution).setParameter("holdId", holdId)
                .getResultList();
    }

    public List<FlagEntity> openForPumps(Collection<UUID> pumpIds) {
        return ByIds.select(getEntityManager(), FlagEntity.class, "select * from flag where pump_id in (:ids) and status = 'OPEN' order by raised_at", pumpIds);
    }
}
