package org.haipump.flags;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.security.Roles;
import org.haipump.platform.web.ItemsPage;
import org.haipump.platform.web.PageRequest;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.haipump.audit.AuditAction;
import org.haipump.audit.Audited;

@Path("/api/v1/flags")
@Tag(name = "Flags", description = "Overdue, flow and no-flow flags, review tasks, acknowledgement and resolution.")
public class FlagResource {

    private final FlagService service;

    FlagResource(FlagService service) {
        this.service = service;
    }

    @Audited(action = AuditAction.SEARCH, resource = "flag")
    @GET
    @RolesAllowed({Roles.SCHEDULER, Roles.NURSE, Roles.ADMIN})
    public ItemsPage<FlagResponse> list(@QueryParam("status") FlagStatus status, @QueryParam("pumpId") UUID pumpId,
            @Valid @BeanParam PageRequest page) {
        return service.list(status, pumpId, page);
    }

    @Audited(action = AuditAction.READ, resource = "flag")
    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.SCHEDULER, Roles.NURSE, Roles.ADMIN})
    public FlagResponse get(@PathParam("id") UUID id) {
        return service.find(id).orElseThrow(() -> ProblemException.notFound("flag", id));
    }

    @Audited(action = AuditAction.UPDATE, resource = "flag")
    @POST
    @Path("/{id}/acknowledgement")
    @RolesAllowed({Roles.NURSE, Roles.ADMIN})
    public FlagResponse acknowledge(@PathParam("id") UUID id) {
        return service.acknowledge(id);
    }

    @Audited(action = AuditAction.UPDATE, resource = "flag")
    @POST
    @Path("/{id}/resolution")
    // JSON only: any other media type is a 415 (text/plain would fill a one-field record).
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.NURSE, Roles.ADMIN})
    public FlagResponse resolve(@PathParam("id") UUID id, @NotNull @Valid FlagResolutionRequest body) {
        return service.resolveReview(id, body.note());
    }
}
