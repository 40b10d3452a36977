package org.haipump.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.haipump.platform.config.HaiConfig;
import org.jboss.logging.Logger;

/**
 * Webhook deliveries: attempts by outcome (counted on the node that made them), and, from the
 * database so that every node reports the same, the age of the oldest undelivered event and the
 * dead letters. Tags carry outcomes only: no endpoint, partner or patient.
 */
@Startup
@ApplicationScoped
public class WebhookMetrics {

    static final String ATTEMPTS = "hai.webhooks.attempts";
    static final String OLDEST_PENDING = "hai.webhooks.oldest.undelivered.age";
    static final String DEAD_LETTERS = "hai.webhooks.dead.letters";

    private static final Logger LOG = Logger.getLogger(WebhookMetrics.class);

    private final EntityManager em;
    private final Clock clock;
    private final long maxAgeNanos;
    private final Counter delivered;
    private final Counter failed;
    private final Counter dead;

    private long countedAtNanos;
    private boolean counted;
    /** Seconds since the oldest undelivered event occurred (0: none), and the dead letters; NaN when unknown. */
    private double oldestPendingSeconds = Double.NaN;
    private double deadLetters = Double.NaN;

    WebhookMetrics(MeterRegistry registry, EntityManager em, HaiConfig config, Clock clock) {
        this.em = em;
        this.clock = clock;
        this.maxAgeNanos = config.metrics().openFlagsMaxAge().toNanos();
        delivered = attempts(registry, "delivered");
        failed = attempts(registry, "failed");
        dead = attempts(registry, "dead");
        Gauge.builder(OLDEST_PENDING, this, m -> m.read(true))
                .description("Age in seconds of the oldest event not yet delivered to an endpoint (0: none)")
                .baseUnit("seconds").strongReference(true).register(registry);
        Gauge.builder(DEAD_LETTERS, this, m -> m.read(false))
                .description("Deliveries given up after hai.webhooks.max-age").strongReference(true).register(registry);
    }

    void delivered() {
        delivered.increment();
    }

    void failed(boolean deadLettered) {
        (deadLettered ? dead : failed).increment();
    }

    private synchronized double read(boolean oldest) {
        if (!counted || System.nanoTime() - countedAtNanos > maxAgeNanos) {
            recount();
        }
        return oldest ? oldestPendingSeconds : deadLetters;
    }

    private void recount() {
        counted = true;
        countedAtNanos = System.nanoTime();
        try {
            Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery("""
                    select (select min(o.occurred_at) from webhook_delivery d join outbox_event o on o.seq = d.event_seq
                            where d.status = 'PENDING'),
                           (select count(*) from webhook_delivery where status = 'DEAD')""").getSingleResult());
            Instant oldest = (Instant) row[0];
            oldestPendingSeconds = oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toSeconds());
            deadLetters = ((Number) row[1]).doubleValue();
        } catch (RuntimeException e) {
            LOG.warnf("Webhook deliveries could not be counted: %s", e.getClass().getName());
            oldestPendingSeconds = Double.NaN;
            deadLetters = Double.NaN;
        }
    }

    private static Counter attempts(MeterRegistry registry, String outcome) {
        return Counter.builder(ATTEMPTS).description("Webhook delivery attempts, by outcome")
                .tag("outcome", outcome).register(registry);
    }
}
