package org.haipump.appointments;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class AppointmentRepository implements PanacheRepositoryBase<AppointmentEntity, UUID> {

    public Optional<AppointmentEntity> findOpen(UUID pumpId) {
        return find("pumpId = ?1 and status = ?2", pumpId, AppointmentStatus.BOOKED).firstResultOptional();
    }
}
