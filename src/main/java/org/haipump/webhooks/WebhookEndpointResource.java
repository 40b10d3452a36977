package org.haipump.webhooks;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/webhook-endpoints")
// JSON only: any other media type is a 415.
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Webhook endpoints", description = "The clinic's own systems that receive events for every patient.")
@RolesAllowed(Roles.ADMIN)
public class WebhookEndpointResource {

    private static final String RESOURCE = "webhook-endpoint";

    private final WebhookEndpointService endpoints;
    private final DeliveryService deliveries;

    WebhookEndpointResource(WebhookEndpointService endpoints, DeliveryService deliveries) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
    }

    @Audited(action = AuditAction.CREATE, resource = RESOURCE)
    @POST
    @APIResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", description = "The new resource"),
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = CreatedWebhookEndpointResponse.class)))
    public Response create(@NotNull @Valid WebhookEndpointRequest body, UriInfo uri) {
        Versioned<CreatedWebhookEndpointResponse> created = endpoints.create(body);
        return created.created(uri, created.body().id());
    }

    @Audited(action = AuditAction.SEARCH, resource = RESOURCE)
    @GET
    public ItemsPage<WebhookEndpointResponse> list(@Valid @BeanParam PageRequest page) {
        return endpoints.list(page);
    }

    @Audited(action = AuditAction.READ, resource = RESOURCE)
    @GET
    @Path("/{id}")
    public RestResponse<WebhookEndpointResponse> get(@PathParam("id") UUID id) {
        return endpoints.find(id).map(Versioned::ok).orElseThrow(() -> ProblemException.notFound("webhook endpoint", id));
    }

    @Audited(action = AuditAction.UPDATE, resource = RESOURCE)
    @PUT
    @Path("/{id}")
    public RestResponse<WebhookEndpointResponse> replace(@PathParam("id") UUID id,
            @HeaderParam(IfMatch.HEADER) List<String> ifMatch, @NotNull @Valid WebhookEndpointRequest body) {
        return endpoints.replace(id, IfMatch.parse(ifMatch), body).ok();
    }

    @Audited(action = AuditAction.UPDATE, resource = RESOURCE)
    @DELETE
    @Path("/{id}")
    public Response remove(@PathParam("id") UUID id) {
        endpoints.remove(id);
        return Response.noContent().build();
    }

    @Audited(action = AuditAction.UPDATE, resource = RESOURCE)
    @POST
    @Path("/{id}/secret-rotation")
    public SecretRotationResponse rotateSecret(@PathParam("id") UUID id) {
        return endpoints.rotateSecret(id);
    }

    @Audited(action = AuditAction.SEARCH, resource = "delivery")
    @GET
    @Path("/{id}/deliveries")
    public ItemsPage<DeliveryResponse> deliveries(@PathParam("id") UUID id, @Valid @BeanParam PageRequest page) {
        return deliveries.ofClinicEndpoint(id, page);
    }

    @Audited(action = AuditAction.UPDATE, resource = "delivery")
    @POST
    @Path("/{id}/deliveries/{eventId}/redelivery")
    @APIResponse(responseCode = "202", description = "Accepted",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DeliveryResponse.class)))
    public RestResponse<DeliveryResponse> redeliver(@PathParam("id") UUID id, @PathParam("eventId") String eventId) {
        return RestResponse.accepted(deliveries.redeliverToClinicEndpoint(id, eventId));
    }
}
