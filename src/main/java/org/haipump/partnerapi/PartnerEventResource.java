package org.haipump.partnerapi;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.haipump.audit.AuditAction;
import org.haipump.audit.Audited;
import org.haipump.platform.security.Roles;
import org.haipump.webhooks.EventFeed;
import org.haipump.webhooks.EventFeedPage;

@Path("/api/v1/partner/events")
@Tag(name = "Partner events", description = "The partner's events as a feed, replayable from any point.")
public class PartnerEventResource {

    private final EventFeed feed;

    PartnerEventResource(EventFeed feed) {
        this.feed = feed;
    }

    @Audited(action = AuditAction.SEARCH, resource = "event")
    @GET
    @RolesAllowed(Roles.PARTNER)
    public EventFeedPage read(@QueryParam("after") String after,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return feed.read(after, limit);
    }
}
