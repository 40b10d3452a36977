package org.haipump.pumps;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.haipump.cycle.Drug;
import org.hibernate.SessionCheckMode;

@ApplicationScoped
public class FillRepository implements PanacheRepositoryBase<FillEntity, UUID> {

    /**
     * The fills with these ids: those this transaction already holds (a fill just recorded among
     * them), the others in one statement. Unlike an HQL {@code in} list, whose SQL Hibernate
     * translates anew on every call, the entity loader's statement is translated once.
     */
    public List<FillEntity> byIds(List<UUID> ids) {
        return getSession().findMultiple(FillEntity.class, ids, SessionCheckMode.ENABLED).stream()
                .filter(Objects::nonNull).toList();
    }

    public PanacheQuery<FillEntity> newestFirst(UUID pumpId) {
        return find("pumpId = ?1 order by performedAt desc", pumpId);
    }

    /**
     * For each pump, the drug of its most recent heparin or glycerol fill (pumps without one are
     * absent). A glycerol fill a glycerol hold asked for does not count: after the absence the rest
     * drug used before it comes back.
     */
    @SuppressWarnings("unchecked")
    public Map<UUID, Drug> lastRestDrugs(List<UUID> pumpIds) {
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                        select distinct on (f.pump_id) f.pump_id, f.drug from fill f
                        where f.pump_id in (:pumpIds) and f.drug in ('HEPARIN', 'GLYCEROL')
                          and not exists (select 1 from glycerol_hold h where h.glycerol_fill_id = f.id)
                        order by f.pump_id, f.performed_at desc""")
                .setParameter("pumpIds", pumpIds)
                .getResultList();
        Map<UUID, Drug> drugs = new HashMap<>();
        for (Object[] row : rows) {
            drugs.put((UUID) row[0], Drug.valueOf((String) row[1]));
        }
        return drugs;
    }
}
