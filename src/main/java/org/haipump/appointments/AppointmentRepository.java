package org.haipump.appointments;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.haipump.platform.persistence.ByIds;

@ApplicationScoped
public class AppointmentRepository implements PanacheRepositoryBase<AppointmentEntity, UUID> {

    public Optional<AppointmentEntity> findOpen(UUID pumpId) {
        return find("pumpId = ?1 and status = ?2", pumpId, AppointmentStatus.BOOKED).firstResultOptional();
    }

    /** Each appointment's moves, oldest first, in one query. */
    public Map<UUID, List<AppointmentRescheduleEntity>> historiesOf(Collection<UUID> appointmentIds) {
        return ByIds.select(getEntityManager(), AppointmentRescheduleEntity.class,
                        "select * from appointment_reschedule where appointment_id in (:ids) order by rescheduled_at, id",
                        appointmentIds)
                .stream().collect(Collectors.groupingBy(r -> r.appointmentId));
    }

    /** For each pump, its latest missed visit since its latest fill: the refill it was for is still to be done. */
    public List<AppointmentEntity> missedSinceLastFill(Collection<UUID> pumpIds) {
        return ByIds.select(getEntityManager(), AppointmentEntity.class, """
                select distinct on (a.pump_id) a.* from appointment a
                join pump p on p.id = a.pump_id
                left join fill f on f.id = p.last_fill_id
                where a.pump_id in (:ids) and a.status = 'MISSED' and (f.id is null or a.starts_at > f.performed_at)
                order by a.pump_id, a.starts_at desc""", pumpIds);
    }

    public List<AppointmentEntity> openForPumps(Collection<UUID> pumpIds) {
        return ByIds.select(getEntityManager(), AppointmentEntity.class, "select * from appointment where pump_id in (:ids) and status = 'BOOKED'", pumpIds);
    }
}
