package org.haipump.partners;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.problem.ProblemType;
import org.haipump.platform.security.CurrentActor;

/**
 * What a partner's token may see: the patients currently assigned to its partner, and nothing
 * else. Anything outside answers 404, the same as an id that does not exist, so that a partner
 * cannot learn whether another agency's patient, pump or appointment exists. Access is checked on
 * every call against the current assignment: an unassigned patient is out of reach at once.
 */
@ApplicationScoped
public class PartnerScope {

    private final CurrentActor actor;
    private final PartnerRepository partners;
    private final PartnerAssignmentRepository assignments;

    PartnerScope(CurrentActor actor, PartnerRepository partners, PartnerAssignmentRepository assignments) {
        this.actor = actor;
        this.partners = partners;
        this.assignments = assignments;
    }

    /** The caller's partner; a partner token that names no known partner is refused (403). */
    public UUID partnerId() {
        return actor.partnerId().filter(id -> partners.findByIdOptional(id).isPresent())
                .orElseThrow(() -> ProblemException.of(ProblemType.UNKNOWN_PARTNER,
                        "The token's partner_id names no partner of this clinic."));
    }

    /** Passes when the patient is currently the caller's; else 404 for {@code what} with {@code id}. */
    public void requirePatient(UUID patientId, String what, Object id) {
        if (patientId == null || !assignments.isCurrent(partnerId(), patientId)) {
            throw ProblemException.notFound(what, id);
        }
    }
}
