package org.haipump.partners;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.haipump.audit.AuditAction;
import org.haipump.audit.Audited;
import org.haipump.platform.security.Roles;

@Path("/api/v1/patients/{id}/partner")
// JSON only: any other media type is a 415.
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Partner assignment", description = "Which home-infusion partner refills a patient at home.")
public class PartnerAssignmentResource {

    private final PartnerAssignmentService service;

    PartnerAssignmentResource(PartnerAssignmentService service) {
        this.service = service;
    }

    @Audited(action = AuditAction.UPDATE, resource = "partner-assignment")
    @PUT
    @RolesAllowed({Roles.SCHEDULER, Roles.ADMIN})
    public PartnerAssignmentResponse assign(@PathParam("id") UUID id, @NotNull @Valid AssignPartnerRequest body) {
        return service.assign(id, body.partnerId());
    }

    @Audited(action = AuditAction.UPDATE, resource = "partner-assignment")
    @DELETE
    @RolesAllowed({Roles.SCHEDULER, Roles.ADMIN})
    public Response unassign(@PathParam("id") UUID id) {
        service.unassign(id);
        return Response.noContent().build();
    }
}
