package org.haipump.pumps;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.security.Roles;
import org.haipump.platform.web.Items;
import org.haipump.platform.web.Created;
import org.haipump.platform.web.IfMatch;
import org.haipump.platform.web.ItemsPage;
import org.haipump.platform.web.PageRequest;
import org.haipump.platform.web.Versioned;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.haipump.audit.AuditAction;
import org.haipump.audit.Audited;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/pumps")
// JSON only: any other media type is a 415 (text/plain would fill a one-field record such as CancellationRequest).
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Pumps", description = "Implanted pumps, their next refill, schedule, therapy mode and removal.")
@RolesAllowed({Roles.SCHEDULER, Roles.NURSE, Roles.ADMIN})
public class PumpResource {

    /** At most a year of refills (26) and then some. */
    static final int MAX_SCHEDULE = 52;

    private final PumpService service;
    private final PumpViews views;

    PumpResource(PumpService service, PumpViews views) {
        this.service = service;
        this.views = views;
    }

    @Audited(action = AuditAction.CREATE, resource = "pump")
    @POST
    @APIResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", description = "The new resource"),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PumpResponse.class)))
    public Response register(@NotNull @Valid RegisterPumpRequest body, UriInfo uri) {
        PumpResponse created = service.register(body);
        return Created.at(uri, created.id(), created);
    }

    @Audited(action = AuditAction.READ, resource = "pump")
    @GET
    @Path("/{id}")
    public RestResponse<PumpResponse> get(@PathParam("id") UUID id) {
        return views.find(id).map(Versioned::ok).orElseThrow(() -> ProblemException.notFound("pump", id));
    }

    @Audited(action = AuditAction.SEARCH, resource = "pump")
    @GET
    public ItemsPage<PumpResponse> list(@QueryParam("patientId") UUID patientId, @Valid @BeanParam PageRequest page) {
        return views.list(patientId, page);
    }

    /** A clinical act: nurses and administrators only. */
    @Audited(action = AuditAction.UPDATE, resource = "pump")
    @RolesAllowed({Roles.NURSE, Roles.ADMIN})
    @POST
    @Path("/{id}/therapy-mode")
    public RestResponse<PumpResponse> changeTherapyMode(@PathParam("id") UUID id,
            @HeaderParam(IfMatch.HEADER) List<String> ifMatch, @NotNull @Valid TherapyModeRequest body) {
        return service.changeTherapyMode(id, IfMatch.parse(ifMatch), body.mode()).ok();
    }

    /** A clinical act: nurses and administrators only. */
    @Audited(action = AuditAction.UPDATE, resource = "pump")
    @RolesAllowed({Roles.NURSE, Roles.ADMIN})
    @POST
    @Path("/{id}/removal")
    public RestResponse<PumpResponse> remove(@PathParam("id") UUID id, @HeaderParam(IfMatch.HEADER) List<String> ifMatch,
            @NotNull @Valid RemovalRequest body) {
        return service.remove(id, IfMatch.parse(ifMatch), body).ok();
    }

    @Audited(action = AuditAction.READ, resource = "pump-schedule")
    @GET
    @Path("/{id}/schedule")
    public Items<ProjectedRefillResponse> schedule(@PathParam("id") UUID id,
            @QueryParam("count") @DefaultValue("6") @Min(1) @Max(MAX_SCHEDULE) int count) {
        return new Items<>(views.schedule(id, count));
    }
}
