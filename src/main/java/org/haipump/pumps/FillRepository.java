package org.haipump.pumps;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.haipump.cycle.Drug;

@ApplicationScoped
public class FillRepository implements PanacheRepositoryBase<FillEntity, UUID> {

    public PanacheQuery<FillEntity> newestFirst(UUID pumpId) {
        return find("pumpId = ?1 order by performedAt desc", pumpId);
    }

    /** The drug of the pump's most recent heparin or glycerol fill. */
    public Optional<Drug> lastRestDrug(UUID pumpId) {
        return find("pumpId = ?1 and drug in ?2 order by performedAt desc", pumpId,
                java.util.List.of(Drug.HEPARIN, Drug.GLYCEROL))
                .firstResultOptional().map(fill -> fill.drug);
    }
}
