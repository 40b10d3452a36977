package org.haipump.appointments;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.haipump.platform.persistence.ByIds;

@ApplicationScoped
public class AppointmentRepository implements PanacheRepositoryBase<AppointmentEntity, UUID> {

    public Optional<AppointmentEntity> findOpen(UUID pumpId) {
        return find("pumpId = ?1 and status = ?2", pumpId, AppointmentStatus.BOOKED).firstResultOptional();
    }

    public List<AppointmentEntity> openForPumps(Collection<UUID> pumpIds) {
        return ByIds.select(getEntityManager(), AppointmentEntity.class, "select * from appointment where pump_id in (:ids) and status = 'BOOKED'", pumpIds);
    }
}
