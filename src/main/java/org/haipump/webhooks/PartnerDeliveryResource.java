package org.haipump.webhooks;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.haipump.audit.AuditAction;
import org.haipump.audit.Audited;
import org.haipump.platform.security.Roles;
import org.haipump.platform.web.ItemsPage;
import org.haipump.platform.web.PageRequest;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/partners/{id}/deliveries")
@Tag(name = "Partners", description = "Home-infusion partners, their webhook endpoint and signing secrets.")
@RolesAllowed(Roles.ADMIN)
public class PartnerDeliveryResource {

    private final DeliveryService service;

    PartnerDeliveryResource(DeliveryService service) {
        this.service = service;
    }

    @Audited(action = AuditAction.SEARCH, resource = "delivery")
    @GET
    public ItemsPage<DeliveryResponse> list(@PathParam("id") UUID partnerId, @Valid @BeanParam PageRequest page) {
        return service.ofPartner(partnerId, page);
    }

    @Audited(action = AuditAction.UPDATE, resource = "delivery")
    @POST
    @Path("/{eventId}/redelivery")
    @APIResponse(responseCode = "202", description = "Accepted",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DeliveryResponse.class)))
    public RestResponse<DeliveryResponse> redeliver(@PathParam("id") UUID partnerId,
            @PathParam("eventId") String eventId) {
        return RestResponse.accepted(service.redeliverToPartner(partnerId, eventId));
    }
}
