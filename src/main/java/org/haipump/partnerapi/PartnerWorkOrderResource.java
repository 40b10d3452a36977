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
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.haipump.appointments.AppointmentStatus;
import org.haipump.appointments.DeclineRequest;
import org.haipump.appointments.ProposalRequest;
import org.haipump.appointments.WorkOrderResponse;
import org.haipump.appointments.WorkOrderService;
import org.haipump.audit.AuditAction;
import org.haipump.audit.Audited;
import org.haipump.platform.security.Roles;
import org.haipump.platform.web.IfMatch;
import org.haipump.platform.web.ItemsPage;
import org.haipump.platform.web.PageRequest;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/partner/appointments")
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Partner work orders", description = "Home visits of the partner's patients: accept, decline or propose another start.")
@RolesAllowed(Roles.PARTNER)
public class PartnerWorkOrderResource {

    private final WorkOrderService service;

    PartnerWorkOrderResource(WorkOrderService service) {
        this.service = service;
    }

    @Audited(action = AuditAction.SEARCH, resource = "appointment")
    @GET
    public ItemsPage<WorkOrderResponse> list(@QueryParam("status") AppointmentStatus status,
            @Valid @BeanParam PageRequest page) {
        return service.list(status, page);
    }

    @Audited(action = AuditAction.READ, resource = "appointment")
    @GET
    @Path("/{id}")
    public RestResponse<WorkOrderResponse> get(@PathParam("id") UUID id) {
        return service.find(id).ok();
    }

    @Audited(action = AuditAction.UPDATE, resource = "appointment")
    @POST
    @Path("/{id}/acceptance")
    public RestResponse<WorkOrderResponse> accept(@PathParam("id") UUID id,
            @HeaderParam(IfMatch.HEADER) List<String> ifMatch) {
        return service.accept(id, IfMatch.parse(ifMatch)).ok();
    }

    @Audited(action = AuditAction.UPDATE, resource = "appointment")
    @POST
    @Path("/{id}/decline")
    public RestResponse<WorkOrderResponse> decline(@PathParam("id") UUID id,
            @HeaderParam(IfMatch.HEADER) List<String> ifMatch, @NotNull @Valid DeclineRequest body) {
        return service.decline(id, IfMatch.parse(ifMatch), body).ok();
    }

    @Audited(action = AuditAction.UPDATE, resource = "appointment")
    @POST
    @Path("/{id}/proposal")
    public RestResponse<WorkOrderResponse> propose(@PathParam("id") UUID id,
            @HeaderParam(IfMatch.HEADER) List<String> ifMatch, @NotNull @Valid ProposalRequest body) {
        return service.propose(id, IfMatch.parse(ifMatch), body).ok();
    }
}
