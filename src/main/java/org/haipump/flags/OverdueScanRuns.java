package org.haipump.flags;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The ledger of overdue scan firings ({@code overdue_scan_run}): a node claims a firing before it
 * scans, so that each firing runs on exactly one node of the cluster, and records what the scan did.
 */
@ApplicationScoped
public class OverdueScanRuns {

    /** Runs older than this are deleted as new ones are claimed. */
    static final Duration KEPT_FOR = Duration.ofDays(30);

    private static final String CLAIM = """
            insert into overdue_scan_run (scheduled_for, node, started_at)
            values (:scheduledFor, :node, :now)
            on conflict (scheduled_for) do nothing
            """;
    private static final String FINISH = """
            update overdue_scan_run
            set finished_at = :now, raised = :raised, escalated = :escalated, resolved = :resolved,
                missed = :missed, hold_reviews = :holdReviews, failed_pumps = :failedPumps,
                failed_steps = :failedSteps
            where scheduled_for = :scheduledFor
            """;

    private final EntityManager em;
    private final Clock clock;

    OverdueScanRuns(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /**
     * Claims the firing for {@code node}; false if another node (or this one) already claimed it.
     * Committed at once, so that a concurrent claim of the same firing waits for it and then loses.
     */
    public boolean claim(Instant scheduledFor, String node) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            em.createNativeQuery("delete from overdue_scan_run where scheduled_for < :before")
                    .setParameter("before", now.minus(KEPT_FOR)).executeUpdate();
            return em.createNativeQuery(CLAIM).setParameter("scheduledFor", scheduledFor)
                    .setParameter("node", node).setParameter("now", now).executeUpdate() == 1;
        });
    }

    public void finish(Instant scheduledFor, OverdueScanResult result) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(FINISH)
                .setParameter("scheduledFor", scheduledFor).setParameter("now", clock.instant())
                .setParameter("raised", result.raised()).setParameter("escalated", result.escalated())
                .setParameter("resolved", result.resolved()).setParameter("missed", result.missed())
                .setParameter("holdReviews", result.holdReviews())
                .setParameter("failedPumps", result.failedPumps().size())
                .setParameter("failedSteps", result.failedSteps().isEmpty() ? null
                        : String.join(",", result.failedSteps()))
                .executeUpdate());
    }
}
