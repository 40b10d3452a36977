package org.haipump.partners;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.haipump.patients.PatientRepository;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.problem.ProblemType;
import org.haipump.platform.security.CurrentActor;

/**
 * Which partner refills a patient at home. Every change locks the patient's row first, so that two
 * changes of one patient's partner run one after the other (the current assignment alone cannot be
 * locked while there is none).
 */
@ApplicationScoped
public class PartnerAssignmentService {

    private final PatientRepository patients;
    private final PartnerRepository partners;
    private final PartnerAssignmentRepository assignments;
    private final Event<PartnerAssigned> assigned;
    private final Event<PartnerUnassigned> unassigned;
    private final CurrentActor actor;
    private final Clock clock;

    PartnerAssignmentService(PatientRepository patients, PartnerRepository partners,
                             PartnerAssignmentRepository assignments, Event<PartnerAssigned> assigned,
                             Event<PartnerUnassigned> unassigned, CurrentActor actor, Clock clock) {
        this.patients = patients;
        this.partners = partners;
        this.assignments = assignments;
        this.assigned = assigned;
        this.unassigned = unassigned;
        this.actor = actor;
        this.clock = clock;
    }

    /** The partner becomes the patient's; the same partner again changes nothing, another one ends the current row. */
    @Transactional
    public PartnerAssignmentResponse assign(UUID patientId, UUID partnerId) {
        lockPatient(patientId);
        if (partners.findByIdOptional(partnerId).isEmpty()) {
            // Not unknown-partner: that is the 403 of a partner token naming no partner.
            throw ProblemException.of(ProblemType.NOT_FOUND, "No partner with id " + partnerId + ".", "partnerId");
        }
        Optional<PartnerAssignmentEntity> current = assignments.currentForUpdate(patientId);
        if (current.isPresent() && current.get().partnerId.equals(partnerId)) {
            return PartnerAssignmentResponse.of(current.get());
        }
        Instant now = clock.instant();
        UUID previousPartner = current.map(previous -> {
            end(previous, now);
            return previous.partnerId;
        }).orElse(null);
        PartnerAssignmentEntity assignment = new PartnerAssignmentEntity();
        assignment.id = UUID.randomUUID();
        assignment.patientId = patientId;
        assignment.partnerId = partnerId;
        assignment.assignedAt = now;
        assignment.assignedBy = actor.name();
        assignments.persist(assignment);
        assigned.fire(new PartnerAssigned(assignment.id, patientId, partnerId, previousPartner, now, assignment.assignedBy));
        return PartnerAssignmentResponse.of(assignment);
    }

    /** The patient is refilled by no partner from now on; 409 when none was assigned. */
    @Transactional
    public void unassign(UUID patientId) {
        lockPatient(patientId);
        PartnerAssignmentEntity current = assignments.currentForUpdate(patientId)
                .orElseThrow(() -> ProblemException.of(ProblemType.NO_PARTNER_ASSIGNED,
                        "The patient has no partner assigned."));
        end(current, clock.instant());
    }

    /** Oldest first. */
    @Transactional
    public List<PartnerAssignmentResponse> history(UUID patientId) {
        if (patients.findByIdOptional(patientId).isEmpty()) {
            throw ProblemException.notFound("patient", patientId);
        }
        return assignments.history(patientId).stream().map(PartnerAssignmentResponse::of).toList();
    }

    private void end(PartnerAssignmentEntity assignment, Instant now) {
        assignment.endedAt = now;
        assignment.endedBy = actor.name();
        // Written before the new row: the one-current index must never see two.
        assignments.flush();
        unassigned.fire(new PartnerUnassigned(assignment.id, assignment.patientId, assignment.partnerId, now,
                assignment.endedBy));
    }

    private void lockPatient(UUID patientId) {
        patients.findByIdOptional(patientId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("patient", patientId));
    }
}
