package org.haipump.patients;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.SessionCheckMode;

@ApplicationScoped
public class PatientRepository implements PanacheRepositoryBase<PatientEntity, UUID> {

    /** The patients with these ids, those not yet loaded in one statement (see {@code FillRepository.byIds}). */
    public List<PatientEntity> byIds(List<UUID> ids) {
        return getSession().findMultiple(PatientEntity.class, ids, SessionCheckMode.ENABLED).stream()
                .filter(Objects::nonNull).toList();
    }

    public Optional<PatientEntity> findByMrn(String mrn) {
        return find("mrn", mrn).firstResultOptional();
    }
}
