package org.haipump.flags;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The Quartz trigger of the overdue scan. Its identity is the job key shared by every node of the
 * cluster, so each firing runs on one node only.
 */
@ApplicationScoped
public class OverdueScanJob {

    public static final String IDENTITY = "overdue-scan";

    private final OverdueScan scan;

    OverdueScanJob(OverdueScan scan) {
        this.scan = scan;
    }

    @Scheduled(identity = IDENTITY, every = "${hai.overdue-scan.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        scan.run();
    }
}
