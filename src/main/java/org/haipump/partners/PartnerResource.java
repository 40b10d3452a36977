package org.haipump.partners;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.haipump.audit.AuditAction;
import org.haipump.audit.Audited;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.security.Roles;
import org.haipump.platform.web.IfMatch;
import org.haipump.platform.web.ItemsPage;
import org.haipump.platform.web.PageRequest;
import org.haipump.platform.web.Versioned;
import org.haipump.webhooks.SecretRotationResponse;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/partners")
// JSON only: any other media type is a 415.
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Partners", description = "Home-infusion partners, their webhook endpoint and signing secrets.")
@RolesAllowed(Roles.ADMIN)
public class PartnerResource {

    static final String MERGE_PATCH = "application/merge-patch+json";

    private final PartnerService service;

    PartnerResource(PartnerService service) {
        this.service = service;
    }

    @Audited(action = AuditAction.CREATE, resource = "partner")
    @POST
    @APIResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", description = "The new resource"),
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = CreatedPartnerResponse.class)))
    public Response create(@NotNull @Valid PartnerRequest body, UriInfo uri) {
        Versioned<CreatedPartnerResponse> created = service.create(body);
        return created.created(uri, created.body().id());
    }

    @Audited(action = AuditAction.SEARCH, resource = "partner")
    @GET
    public ItemsPage<PartnerResponse> list(@Valid @BeanParam PageRequest page) {
        return service.list(page);
    }

    @Audited(action = AuditAction.READ, resource = "partner")
    @GET
    @Path("/{id}")
    public RestResponse<PartnerResponse> get(@PathParam("id") UUID id) {
        return service.find(id).map(Versioned::ok).orElseThrow(() -> ProblemException.notFound("partner", id));
    }

    @Audited(action = AuditAction.UPDATE, resource = "partner")
    @PUT
    @Path("/{id}")
    public RestResponse<PartnerResponse> replace(@PathParam("id") UUID id,
            @HeaderParam(IfMatch.HEADER) List<String> ifMatch, @NotNull @Valid PartnerRequest body) {
        return service.replace(id, IfMatch.parse(ifMatch), body).ok();
    }

    @Audited(action = AuditAction.UPDATE, resource = "partner")
    @PATCH
    @Path("/{id}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    public RestResponse<PartnerResponse> patch(@PathParam("id") UUID id,
            @HeaderParam(IfMatch.HEADER) List<String> ifMatch,
            @RequestBody(content = @Content(schema = @Schema(implementation = PartnerPatch.class)))
            @NotNull ObjectNode body) throws JsonProcessingException {
        return service.patch(id, IfMatch.parse(ifMatch), body).ok();
    }

    @Audited(action = AuditAction.UPDATE, resource = "partner")
    @POST
    @Path("/{id}/secret-rotation")
    public SecretRotationResponse rotateSecret(@PathParam("id") UUID id) {
        return service.rotateSecret(id);
    }
}
