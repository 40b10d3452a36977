package org.haipump.minimal;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;

/** One resource behind a bearer token and a role, as every endpoint of the service. */
@Path("/api/v1/items")
@RolesAllowed("nurse")
public class ItemResource {

    public record ItemResponse(UUID id, String name) {
    }

    @GET
    @Path("/{id}")
    @Transactional
    public ItemResponse get(@PathParam("id") UUID id) {
        Item item = Item.findById(id);
        if (item == null) {
            throw new NotFoundException();
        }
        return new ItemResponse(item.id, item.name);
    }
}
