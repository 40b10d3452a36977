package org.haipump.pumps;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.security.Roles;
import org.haipump.platform.web.Items;
import org.haipump.platform.web.ItemsPage;
import org.haipump.platform.web.PageRequest;

@Path("/api/v1/pumps")
@RolesAllowed({Roles.SCHEDULER, Roles.NURSE, Roles.ADMIN})
public class PumpResource {

    /** At most a year of refills (26) and then some. */
    static final int MAX_SCHEDULE = 52;

    private final PumpService service;

    PumpResource(PumpService service) {
        this.service = service;
    }

    @POST
    public Response register(@NotNull @Valid RegisterPumpRequest request, UriInfo uri) {
        PumpResponse created = service.register(request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(created).build();
    }

    @GET
    @Path("/{id}")
    public PumpResponse get(@PathParam("id") UUID id) {
        return service.find(id).orElseThrow(() -> ProblemException.notFound("pump", id));
    }

    @GET
    public ItemsPage<PumpResponse> list(@QueryParam("patientId") UUID patientId, @Valid @BeanParam PageRequest page) {
        return service.list(patientId, page);
    }

    @POST
    @Path("/{id}/therapy-mode")
    public PumpResponse changeTherapyMode(@PathParam("id") UUID id, @NotNull @Valid TherapyModeRequest request) {
        return service.changeTherapyMode(id, request.mode());
    }

    @POST
    @Path("/{id}/removal")
    public PumpResponse remove(@PathParam("id") UUID id, @NotNull @Valid RemovalRequest request) {
        return service.remove(id, request);
    }

    @GET
    @Path("/{id}/schedule")
    public Items<ProjectedRefillResponse> schedule(@PathParam("id") UUID id,
            @QueryParam("count") @DefaultValue("6") @Min(1) @Max(MAX_SCHEDULE) int count) {
        return new Items<>(service.schedule(id, count));
    }

    @POST
    @Path("/{id}/glycerol-holds")
    public Response planHold(@PathParam("id") UUID id, @NotNull @Valid GlycerolHoldRequest request, UriInfo uri) {
        GlycerolHoldResponse created = service.planHold(id, request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(created).build();
    }

    @GET
    @Path("/{id}/glycerol-holds")
    public Items<GlycerolHoldResponse> holds(@PathParam("id") UUID id) {
        return new Items<>(service.holds(id));
    }

    @GET
    @Path("/{id}/glycerol-holds/{holdId}")
    public GlycerolHoldResponse hold(@PathParam("id") UUID id, @PathParam("holdId") UUID holdId) {
        return service.holds(id).stream().filter(h -> h.id().equals(holdId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("glycerol hold", holdId));
    }
}
