package org.haipump.bench;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.haipump.platform.security.Roles;

/**
 * The ceilings of the benchmark: a request through the same pipeline as the API (bearer token
 * verified, role checked, request filters, JSON written on a worker thread) with no work behind
 * it, and the same without the token ({@code /open}: the framework's own ceiling). Built only by
 * the {@code bench} Maven profile; never part of the service.
 */
@Path("/bench/ceiling")
@RolesAllowed({Roles.SCHEDULER, Roles.NURSE, Roles.ADMIN})
public class CeilingResource {

    public record Pong(boolean ok) {
    }

    private static final Pong PONG = new Pong(true);

    @GET
    public Pong ping() {
        return PONG;
    }

    @GET
    @Path("/open")
    @PermitAll
    public Pong open() {
        return PONG;
    }
}
