package org.haipump.pumps;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.haipump.audit.AuditAction;
import org.haipump.audit.Audited;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.security.Roles;
import org.haipump.platform.web.Created;
import org.haipump.platform.web.IfMatch;
import org.haipump.platform.web.Items;

@Path("/api/v1/pumps/{id}/glycerol-holds")
// JSON only: any other media type is a 415 (text/plain would fill a one-field record).
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Glycerol holds", description = "Planned absences covered by one glycerol fill, and their cancellation.")
@RolesAllowed({Roles.SCHEDULER, Roles.NURSE, Roles.ADMIN})
public class GlycerolHoldResource {

    private final GlycerolHoldService service;

    GlycerolHoldResource(GlycerolHoldService service) {
        this.service = service;
    }

    @Audited(action = AuditAction.CREATE, resource = "glycerol-hold")
    @POST
    @APIResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", description = "The new resource"),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = GlycerolHoldResponse.class)))
    public Response plan(@PathParam("id") UUID id, @HeaderParam(IfMatch.HEADER) List<String> ifMatch,
            @NotNull @Valid GlycerolHoldRequest body, UriInfo uri) {
        GlycerolHoldResponse created = service.plan(id, IfMatch.parse(ifMatch), body);
        return Created.at(uri, created.id(), created);
    }

    @Audited(action = AuditAction.SEARCH, resource = "glycerol-hold")
    @GET
    public Items<GlycerolHoldResponse> list(@PathParam("id") UUID id) {
        return new Items<>(service.list(id));
    }

    @Audited(action = AuditAction.READ, resource = "glycerol-hold")
    @GET
    @Path("/{holdId}")
    public GlycerolHoldResponse get(@PathParam("id") UUID id, @PathParam("holdId") UUID holdId) {
        return service.find(id, holdId).orElseThrow(() -> ProblemException.notFound("glycerol hold", holdId));
    }

    @Audited(action = AuditAction.UPDATE, resource = "glycerol-hold")
    @POST
    @Path("/{holdId}/cancellation")
    public GlycerolHoldResponse cancel(@PathParam("id") UUID id, @PathParam("holdId") UUID holdId,
            @HeaderParam(IfMatch.HEADER) List<String> ifMatch, @NotNull @Valid GlycerolHoldCancellationRequest body) {
        return service.cancel(id, holdId, IfMatch.parse(ifMatch), body);
    }
}
