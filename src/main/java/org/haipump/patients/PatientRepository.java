package org.haipump.patients;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.SessionCheckMode;

@ApplicationScoped
public class PatientRepository implements PanacheRepositoryBase<PatientEntity, UUID> {

    /** The patients with these ids, those not yet loaded in one statement (see {@code FillRepository.byIds}). */
    public List<PatientEntity> byIds(List<UUID> ids) {
        return getSession().findMultiple(PatientEntity.class, ids, SessionCheckMode.ENABLED).stream()
                .filter(Objects::nonNull).toList();
    }

    /**
     * The current partner of each of these patients that has one. Read here, not through the
     * partners package, which depends on this one.
     */
    public Map<UUID, UUID> currentPartners(List<UUID> patientIds) {
        if (patientIds.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                        select patient_id, partner_id from patient_partner_assignment
                        where patient_id in (:ids) and ended_at is null""")
                .setParameter("ids", patientIds).getResultList();
        return rows.stream().collect(Collectors.toMap(r -> (UUID) r[0], r -> (UUID) r[1]));
    }

    public Optional<PatientEntity> findByMrn(String mrn) {
        return find("mrn", mrn).firstResultOptional();
    }
}
