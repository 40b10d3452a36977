package org.haipump.flags;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.haipump.platform.config.HaiConfig;
import org.jboss.logging.Logger;

/**
 * The overdue scan's duration and rows, and the open flags by level. The open flags are counted in
 * the database, not on this node: every node of a cluster reports the same, whichever ran the scan.
 */
@Startup
@ApplicationScoped
public class FlagMetrics {

    static final String OPEN_FLAGS = "hai.flags.open";
    static final String SCAN = "hai.overdue.scan";
    static final String SCAN_ROWS = "hai.overdue.scan.rows";

    private static final Logger LOG = Logger.getLogger(FlagMetrics.class);

    private final EntityManager em;
    /** Scrapes within this time of the last count reuse it: one query per period, not per scrape. */
    private final long openFlagsMaxAgeNanos;
    private final Timer scanDuration;
    private final Counter flagged;
    private final Counter escalated;
    private final Counter resolved;

    /** The last count; null when the database did not answer it. */
    private Map<FlagLevel, Long> openByLevel;
    private long countedAtNanos;
    private boolean counted;

    FlagMetrics(MeterRegistry registry, EntityManager em, HaiConfig config) {
        this.em = em;
        this.openFlagsMaxAgeNanos = config.metrics().openFlagsMaxAge().toNanos();
        scanDuration = Timer.builder(SCAN).description("Duration of one overdue scan").register(registry);
        flagged = scanRows(registry, "flagged");
        escalated = scanRows(registry, "escalated");
        resolved = scanRows(registry, "resolved");
        for (FlagLevel level : FlagLevel.values()) {
            Gauge.builder(OPEN_FLAGS, this, metrics -> metrics.open(level))
                    .description("Open flags in the database, by level")
                    .tag("level", level.name())
                    .strongReference(true)
                    .register(registry);
        }
    }

    /** Records a finished scan and counts the open flags again, so that a scrape sees its effect at once. */
    void scanned(OverdueScanResult result, long nanos) {
        scanDuration.record(nanos, TimeUnit.NANOSECONDS);
        flagged.increment(result.raised());
        escalated.increment(result.escalated());
        resolved.increment(result.resolved());
        recount();
    }

    synchronized double open(FlagLevel level) {
        if (!counted || System.nanoTime() - countedAtNanos > openFlagsMaxAgeNanos) {
            recount();
        }
        // Unknown rather than a stale number when the database did not answer.
        return openByLevel == null ? Double.NaN : openByLevel.getOrDefault(level, 0L);
    }

    synchronized void recount() {
        // A failed count is not retried before the next period either: scrapes must not pile up on a dead database.
        counted = true;
        countedAtNanos = System.nanoTime();
        try {
            openByLevel = QuarkusTransaction.requiringNew().call(this::countOpenByLevel);
            LOG.debugf("Open flags: %s", openByLevel);
        } catch (RuntimeException e) {
            LOG.warnf("Open flags could not be counted: %s", e.getClass().getName());
            openByLevel = null;
        }
    }

    private Map<FlagLevel, Long> countOpenByLevel() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "select level, count(*) from flag where status = 'OPEN' group by level").getResultList();
        Map<FlagLevel, Long> counts = new EnumMap<>(FlagLevel.class);
        for (Object[] row : rows) {
            counts.put(FlagLevel.valueOf((String) row[0]), ((Number) row[1]).longValue());
        }
        return counts;
    }

    private static Counter scanRows(MeterRegistry registry, String outcome) {
        return Counter.builder(SCAN_ROWS)
                .description("Flags the overdue scan raised, escalated or resolved")
                .tag("outcome", outcome)
                .register(registry);
    }
}
