package org.haipump.bench;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.haipump.flags.OverdueScan;
import org.haipump.flags.OverdueScanResult;
import org.haipump.platform.security.Roles;

/**
 * Runs the overdue scan now, as its Quartz trigger does, and answers what it did and how long it
 * took, so that the benchmark can time it on demand. Built only by the {@code bench} Maven profile.
 */
@Path("/bench/overdue-scan")
@RolesAllowed(Roles.ADMIN)
public class OverdueScanTriggerResource {

    private final OverdueScan scan;

    OverdueScanTriggerResource(OverdueScan scan) {
        this.scan = scan;
    }

    @POST
    public OverdueScanResult run() {
        return scan.run();
    }
}
