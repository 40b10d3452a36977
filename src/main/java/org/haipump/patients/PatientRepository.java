package org.haipump.patients;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PatientRepository implements PanacheRepositoryBase<PatientEntity, UUID> {

    /** The patients with these ids, in one statement translated once (see {@code FillRepository.byIds}). */
    public List<PatientEntity> byIds(List<UUID> ids) {
        return getSession().findMultiple(PatientEntity.class, ids).stream().filter(Objects::nonNull).toList();
    }

    public Optional<PatientEntity> findByMrn(String mrn) {
        return find("mrn", mrn).firstResultOptional();
    }
}
