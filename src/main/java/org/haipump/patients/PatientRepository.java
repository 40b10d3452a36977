package org.haipump.patients;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PatientRepository implements PanacheRepositoryBase<PatientEntity, UUID> {

    public Optional<PatientEntity> findByMrn(String mrn) {
        return find("mrn", mrn).firstResultOptional();
    }
}
