package org.haipump.pumps;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PumpRepository implements PanacheRepositoryBase<PumpEntity, UUID> {

    /** The pump, locked until the transaction ends: changes to one pump's cycle happen one at a time. */
    public Optional<PumpEntity> findForUpdate(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public boolean hasActivePump(UUID patientId) {
        return count("patientId = ?1 and status = ?2", patientId, PumpStatus.ACTIVE) > 0;
    }

    public boolean serialTaken(String serialNumber) {
        return count("serialNumber", serialNumber) > 0;
    }
}
