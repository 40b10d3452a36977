package org.haipump.partnerapi;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.haipump.audit.AuditAction;
import org.haipump.audit.Audited;
import org.haipump.fills.FillOutcome;
import org.haipump.fills.FillResponse;
import org.haipump.fills.IdempotencyKeys;
import org.haipump.platform.security.Roles;
import org.haipump.platform.web.Items;
import org.haipump.platform.web.ItemsPage;
import org.haipump.platform.web.PageRequest;
import org.haipump.pumps.PumpResponse;
import org.jboss.resteasy.reactive.RestResponse;

/** The home-infusion partner's API: its own patients' refills, pumps and fills (docs/partners.md). */
@Path("/api/v1/partner")
// JSON only: any other media type is a 415.
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Partner API", description = "For home-infusion partners: their patients' refills, pumps and home fills.")
public class PartnerApiResource {

    private final PartnerApiService service;

    PartnerApiResource(PartnerApiService service) {
        this.service = service;
    }

    @Audited(action = AuditAction.SEARCH, resource = "partner-refill")
    @GET
    @Path("/refills")
    @RolesAllowed(Roles.PARTNER)
    public Items<PartnerRefill> refills(@QueryParam("dueBefore") Instant dueBefore) {
        return new Items<>(service.refills(dueBefore));
    }

    @Audited(action = AuditAction.READ, resource = "pump")
    @GET
    @Path("/pumps/{id}")
    @RolesAllowed(Roles.PARTNER)
    public RestResponse<PumpResponse> pump(@PathParam("id") UUID id) {
        return service.pump(id).ok();
    }

    @Audited(action = AuditAction.SEARCH, resource = "fill")
    @GET
    @Path("/pumps/{id}/fills")
    @RolesAllowed(Roles.PARTNER)
    public ItemsPage<FillResponse> fills(@PathParam("id") UUID id, @Valid @BeanParam PageRequest page) {
        return service.fills(id, page);
    }

    @Audited(action = AuditAction.READ, resource = "fill")
    @GET
    @Path("/pumps/{id}/fills/{fillId}")
    @RolesAllowed(Roles.PARTNER)
    public FillResponse fill(@PathParam("id") UUID id, @PathParam("fillId") UUID fillId) {
        return service.fill(id, fillId);
    }

    /** {@code Idempotency-Key} is required: a partner retries over networks the clinic does not control. */
    @Audited(action = AuditAction.CREATE, resource = "fill")
    @POST
    @Path("/pumps/{id}/fills")
    @RolesAllowed(Roles.PARTNER)
    @APIResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", description = "The new resource"),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = FillResponse.class)))
    public Response recordFill(@PathParam("id") UUID id, @HeaderParam(IdempotencyKeys.HEADER) String key,
            @NotNull @Valid HomeFillRequest body, UriInfo uri, HttpHeaders headers) {
        FillOutcome outcome = service.recordFill(id, body, IdempotencyKeys.of(headers, true));
        Response.ResponseBuilder response = Response.created(uri.getBaseUriBuilder()
                        .path("api/v1/partner/pumps/{id}/fills/{fillId}").build(outcome.pumpId(), outcome.fillId()))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(outcome.body());
        if (outcome.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }
}
