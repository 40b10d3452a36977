package org.haipump.platform.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;

/** {@code 201 Created} with the new resource as body and its URL, under the request's path, in {@code Location}. */
public final class Created {

    private Created() {
    }

    public static Response at(UriInfo uri, UUID id, Object body) {
        return Response.created(uri.getAbsolutePathBuilder().path(id.toString()).build()).entity(body).build();
    }
}
