package org.haipump.platform.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/**
 * This node's name in the cluster: its Quartz instance id ({@code quarkus.quartz.instance-id}), as
 * the {@code qrtz_} tables, the overdue scan's ledger and the webhook claims write it.
 */
@ApplicationScoped
public class ClusterNode {

    private final Scheduler quartz;

    ClusterNode(Scheduler quartz) {
        this.quartz = quartz;
    }

    public String name() {
        try {
            return quartz.getSchedulerInstanceId();
        } catch (SchedulerException e) {
            return "unknown";
        }
    }
}
