package org.haipump.fills;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * The hourly purge of expired idempotency records. A clustered Quartz job, but unlike the overdue
 * scan it claims no firing in a ledger: the purge is one idempotent delete by age, so two nodes
 * running the same firing, or a repeated run, delete nothing more than one run would.
 */
@ApplicationScoped
public class IdempotencyPurgeJob {

    public static final String IDENTITY = "idempotency-purge";

    private static final Logger LOG = Logger.getLogger(IdempotencyPurgeJob.class);

    private final IdempotencyRetention retention;
    private final Clock clock;

    IdempotencyPurgeJob(IdempotencyRetention retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
    }

    @Scheduled(identity = IDENTITY, every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            long deleted = retention.purge(clock.instant());
            LOG.infof("Idempotency purge deleted %d expired records", deleted);
        } catch (RuntimeException e) {
            LOG.warnf("Idempotency purge failed (%s); the next firing retries", e.getClass().getName());
        }
    }
}
