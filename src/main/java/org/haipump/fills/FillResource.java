package org.haipump.fills;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.security.Roles;
import org.haipump.platform.web.IfMatch;
import org.haipump.platform.web.ItemsPage;
import org.haipump.platform.web.PageRequest;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.haipump.audit.AuditAction;
import org.haipump.audit.Audited;

@Path("/api/v1/pumps/{pumpId}/fills")
// JSON only: any other media type is a 415 (text/plain would fill a one-field record such as CancellationRequest).
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Fills", description = "Recording what a nurse did at the pump.")
public class FillResource {

    static final String IDEMPOTENCY_KEY = IdempotencyKeys.HEADER;

    private final FillService service;

    FillResource(FillService service) {
        this.service = service;
    }

    @Audited(action = AuditAction.CREATE, resource = "fill")
    @POST
    @RolesAllowed({Roles.NURSE, Roles.ADMIN})
    @APIResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", description = "The new resource"),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = FillResponse.class)))
    public Response record(@PathParam("pumpId") UUID pumpId,
            @HeaderParam(IDEMPOTENCY_KEY) String key, @HeaderParam(IfMatch.HEADER) List<String> ifMatch,
            @NotNull @Valid RecordFillRequest body, UriInfo uri, HttpHeaders headers) {
        // Checked here rather than by annotations, so that the problem names the header, not the Java parameter.
        String checkedKey = IdempotencyKeys.of(headers, false);
        FillOutcome outcome = service.record(pumpId, body, checkedKey, IfMatch.parse(ifMatch));
        Response.ResponseBuilder response = Response.created(uri.getBaseUriBuilder()
                        .path("api/v1/pumps/{pumpId}/fills/{fillId}").build(outcome.pumpId(), outcome.fillId()))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(outcome.body());
        if (outcome.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }

    @Audited(action = AuditAction.SEARCH, resource = "fill")
    @GET
    @RolesAllowed({Roles.SCHEDULER, Roles.NURSE, Roles.ADMIN})
    public ItemsPage<FillResponse> list(@PathParam("pumpId") UUID pumpId, @Valid @BeanParam PageRequest page) {
        return service.list(pumpId, page);
    }

    @Audited(action = AuditAction.READ, resource = "fill")
    @GET
    @Path("/{fillId}")
    @RolesAllowed({Roles.SCHEDULER, Roles.NURSE, Roles.ADMIN})
    public FillResponse get(@PathParam("pumpId") UUID pumpId, @PathParam("fillId") UUID fillId) {
        return service.find(pumpId, fillId).orElseThrow(() -> ProblemException.notFound("fill", fillId));
    }
}
