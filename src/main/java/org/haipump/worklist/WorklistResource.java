package org.haipump.worklist;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import org.haipump.platform.security.Roles;
import org.haipump.platform.web.PageRequest;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.haipump.audit.AuditAction;
import org.haipump.audit.Audited;

@Path("/api/v1/worklist")
@Tag(name = "Worklist", description = "Refills by urgency, for dashboards.")
@RolesAllowed({Roles.SCHEDULER, Roles.NURSE, Roles.ADMIN})
public class WorklistResource {

    private final WorklistService service;

    WorklistResource(WorklistService service) {
        this.service = service;
    }

    /** {@code dueBefore} defaults to seven days from now; {@code after} is an earlier answer's {@code nextCursor}. */
    @Audited(action = AuditAction.SEARCH, resource = "worklist")
    @GET
    public WorklistResponse worklist(@QueryParam("dueBefore") Instant dueBefore, @Valid @BeanParam PageRequest page,
                                     @QueryParam("after") String after) {
        return service.worklist(dueBefore, page, after);
    }
}
