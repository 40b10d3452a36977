package org.haipump.partners;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.haipump.audit.AuditAction;
import org.haipump.audit.Audited;
import org.haipump.platform.security.Roles;
import org.haipump.platform.web.Items;

@Path("/api/v1/patients/{id}/partner-assignments")
@Tag(name = "Partner assignment", description = "Which home-infusion partner refills a patient at home.")
public class PartnerAssignmentHistoryResource {

    private final PartnerAssignmentService service;

    PartnerAssignmentHistoryResource(PartnerAssignmentService service) {
        this.service = service;
    }

    /** Oldest first; short (a patient changes agency rarely), so not paged. */
    @Audited(action = AuditAction.READ, resource = "partner-assignment")
    @GET
    @RolesAllowed({Roles.SCHEDULER, Roles.NURSE, Roles.ADMIN})
    public Items<PartnerAssignmentResponse> history(@PathParam("id") UUID id) {
        return new Items<>(service.history(id));
    }
}
