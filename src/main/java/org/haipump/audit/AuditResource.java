package org.haipump.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.haipump.platform.security.Roles;
import org.haipump.platform.web.ItemsPage;
import org.haipump.platform.web.PageRequest;

@Path("/api/v1/audit")
@Tag(name = "Audit", description = "Who read or changed which patient's data, refused attempts included.")
@RolesAllowed(Roles.ADMIN)
public class AuditResource {

    private final AuditTrail trail;

    AuditResource(AuditTrail trail) {
        this.trail = trail;
    }

    /** Newest first. Reading the trail about a patient is itself recorded against that patient. */
    @GET
    @Audited(action = AuditAction.SEARCH, resource = "audit-event")
    public ItemsPage<AuditEventResponse> search(@QueryParam("patientId") UUID patientId,
            @QueryParam("from") Instant from, @QueryParam("to") Instant to, @Valid @BeanParam PageRequest page) {
        return trail.search(patientId, from, to, page);
    }
}
