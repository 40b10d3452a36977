package org.haipump.appointments;

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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.security.Roles;
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

@Path("/api/v1/appointments")
// JSON only: any other media type is a 415 (text/plain would fill a one-field record such as CancellationRequest).
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Appointments", description = "Refill appointments inside the safe window, urgent visits once past due, moves and missed visits.")
@RolesAllowed({Roles.SCHEDULER, Roles.NURSE, Roles.ADMIN})
public class AppointmentResource {

    private final AppointmentService service;
    private final WorkOrderService workOrders;

    AppointmentResource(AppointmentService service, WorkOrderService workOrders) {
        this.service = service;
        this.workOrders = workOrders;
    }

    @Audited(action = AuditAction.CREATE, resource = "appointment")
    @POST
    @APIResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", description = "The new resource"),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AppointmentResponse.class)))
    public Response book(@NotNull @Valid BookAppointmentRequest body, UriInfo uri) {
        Versioned<AppointmentResponse> created = service.book(body);
        return created.created(uri, created.body().id());
    }

    @Audited(action = AuditAction.READ, resource = "appointment")
    @GET
    @Path("/{id}")
    public RestResponse<AppointmentResponse> get(@PathParam("id") UUID id) {
        return service.find(id).map(Versioned::ok).orElseThrow(() -> ProblemException.notFound("appointment", id));
    }

    @Audited(action = AuditAction.SEARCH, resource = "appointment")
    @GET
    public ItemsPage<AppointmentResponse> list(@QueryParam("from") Instant from, @QueryParam("to") Instant to,
            @QueryParam("status") AppointmentStatus status, @Valid @BeanParam PageRequest page) {
        return service.list(from, to, status, page);
    }

    @Audited(action = AuditAction.UPDATE, resource = "appointment")
    @POST
    @Path("/{id}/reschedule")
    public RestResponse<AppointmentResponse> reschedule(@PathParam("id") UUID id,
            @HeaderParam(IfMatch.HEADER) List<String> ifMatch, @NotNull @Valid RescheduleRequest body) {
        return service.reschedule(id, IfMatch.parse(ifMatch), body).ok();
    }

    @Audited(action = AuditAction.UPDATE, resource = "appointment")
    @POST
    @Path("/{id}/cancellation")
    public RestResponse<AppointmentResponse> cancel(@PathParam("id") UUID id,
            @HeaderParam(IfMatch.HEADER) List<String> ifMatch, @NotNull @Valid CancellationRequest body) {
        return service.cancel(id, IfMatch.parse(ifMatch), body.reason()).ok();
    }

    /** The partner's proposed start becomes the visit's start, and the work order is accepted. */
    @Audited(action = AuditAction.UPDATE, resource = "appointment")
    @POST
    @Path("/{id}/proposal-acceptance")
    @RolesAllowed({Roles.SCHEDULER, Roles.ADMIN})
    public RestResponse<AppointmentResponse> acceptProposal(@PathParam("id") UUID id,
            @HeaderParam(IfMatch.HEADER) List<String> ifMatch) {
        return workOrders.acceptProposal(id, IfMatch.parse(ifMatch)).ok();
    }
}
