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

/** Every clinic role reads the holds; nurses (and admins) start and end them, as they record fills. */
@Path("/api/v1/pumps/{id}/chemotherapy-holds")
// JSON only: any other media type is a 415.
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Chemotherapy holds",
        description = "Chemotherapy held because liver tests rose: heparin instead until the hold ends.")
@RolesAllowed({Roles.SCHEDULER, Roles.NURSE, Roles.ADMIN})
public class ChemotherapyHoldResource {

    private final ChemotherapyHoldService service;

    ChemotherapyHoldResource(ChemotherapyHoldService service) {
        this.service = service;
    }

    @Audited(action = AuditAction.CREATE, resource = "chemotherapy-hold")
    @POST
    @RolesAllowed({Roles.NURSE, Roles.ADMIN})
    @APIResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", description = "The new resource"),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ChemotherapyHoldResponse.class)))
    public Response start(@PathParam("id") UUID id, @HeaderParam(IfMatch.HEADER) List<String> ifMatch,
            @NotNull @Valid ChemotherapyHoldRequest body, UriInfo uri) {
        ChemotherapyHoldResponse created = service.start(id, IfMatch.parse(ifMatch), body);
        return Created.at(uri, created.id(), created);
    }

    @Audited(action = AuditAction.SEARCH, resource = "chemotherapy-hold")
    @GET
    public Items<ChemotherapyHoldResponse> list(@PathParam("id") UUID id) {
        return new Items<>(service.list(id));
    }

    @Audited(action = AuditAction.READ, resource = "chemotherapy-hold")
    @GET
    @Path("/{holdId}")
    public ChemotherapyHoldResponse get(@PathParam("id") UUID id, @PathParam("holdId") UUID holdId) {
        return service.find(id, holdId).orElseThrow(() -> ProblemException.notFound("chemotherapy hold", holdId));
    }

    @Audited(action = AuditAction.UPDATE, resource = "chemotherapy-hold")
    @POST
    @Path("/{holdId}/end")
    @RolesAllowed({Roles.NURSE, Roles.ADMIN})
    public ChemotherapyHoldResponse end(@PathParam("id") UUID id, @PathParam("holdId") UUID holdId,
            @HeaderParam(IfMatch.HEADER) List<String> ifMatch, @NotNull @Valid EndChemotherapyHoldRequest body) {
        return service.end(id, holdId, IfMatch.parse(ifMatch), body);
    }
}
