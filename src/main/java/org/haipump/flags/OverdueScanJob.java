package org.haipump.flags;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.haipump.platform.cluster.ClusterNode;
import org.jboss.logging.Logger;

/**
 * The Quartz trigger of the overdue scan. Its identity is the job key shared by every node of the
 * cluster, and each firing is claimed in {@link OverdueScanRuns} before it runs, so that each
 * firing runs on one node only.
 */
@ApplicationScoped
public class OverdueScanJob {

    public static final String IDENTITY = "overdue-scan";

    private static final Logger LOG = Logger.getLogger(OverdueScanJob.class);

    private final OverdueScan scan;
    private final OverdueScanRuns runs;
    private final ClusterNode node;

    OverdueScanJob(OverdueScan scan, OverdueScanRuns runs, ClusterNode node) {
        this.scan = scan;
        this.runs = runs;
        this.node = node;
    }

    @Scheduled(identity = IDENTITY, every = "${hai.overdue-scan.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run(ScheduledExecution execution) {
        Instant scheduledFor = execution.getScheduledFireTime();
        String node = this.node.name();
        try {
            if (!runs.claim(scheduledFor, node)) {
                LOG.infof("Overdue scan firing scheduled for %s already ran on another node; skipped", scheduledFor);
                return;
            }
        } catch (RuntimeException e) {
            LOG.warnf("Overdue scan firing scheduled for %s could not be claimed (%s); the next firing scans",
                    scheduledFor, e.getClass().getName());
            return;
        }
        LOG.infof("Overdue scan firing scheduled for %s runs on node %s", scheduledFor, node);
        OverdueScanResult result = scan.run();
        try {
            runs.finish(scheduledFor, result);
        } catch (RuntimeException e) {
            LOG.warnf("Overdue scan firing scheduled for %s ran but could not be recorded (%s)",
                    scheduledFor, e.getClass().getName());
        }
    }
}
