package org.haipump.appointments;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class AppointmentRepository implements PanacheRepositoryBase<AppointmentEntity, UUID> {

    public Optional<AppointmentEntity> findOpen(UUID pumpId) {
        return find("pumpId = ?1 and status = ?2", pumpId, AppointmentStatus.BOOKED).firstResultOptional();
    }

    /** Native SQL: Hibernate would translate an HQL {@code in} list to SQL anew on every call. */
    @SuppressWarnings("unchecked")
    public List<AppointmentEntity> openForPumps(Collection<UUID> pumpIds) {
        if (pumpIds.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createNativeQuery(
                        "select * from appointment where pump_id in (:pumpIds) and status = 'BOOKED'",
                        AppointmentEntity.class)
                .setParameter("pumpIds", pumpIds)
                .getResultList();
    }
}
