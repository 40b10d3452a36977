package org.haipump.partners;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PartnerAssignmentRepository implements PanacheRepositoryBase<PartnerAssignmentEntity, UUID> {

    public Optional<PartnerAssignmentEntity> current(UUID patientId) {
        return find("patientId = ?1 and endedAt is null", patientId).firstResultOptional();
    }

    /** The current assignment, locked: assigning and unassigning one patient happen one at a time. */
    public Optional<PartnerAssignmentEntity> currentForUpdate(UUID patientId) {
        return find("patientId = ?1 and endedAt is null", patientId).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    public boolean isCurrent(UUID partnerId, UUID patientId) {
        return count("partnerId = ?1 and patientId = ?2 and endedAt is null", partnerId, patientId) > 0;
    }

    /** Oldest first. */
    public List<PartnerAssignmentEntity> history(UUID patientId) {
        return list("patientId = ?1 order by assignedAt, id", patientId);
    }
}
