package org.haipump.pumps;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import org.haipump.cycle.RefillSql;
import org.haipump.platform.persistence.RuleParameters;
import org.haipump.cycle.RefillCycle;
import org.jboss.logging.Logger;

/**
 * At start-up, brings the stored due times of active pumps (and of their open overdue flags) in line
 * with the rules, so that a changed {@code hai.cycle.*} setting or a changed rule (flow-aware
 * deadlines, the implant fill) applies to every pump at once and not only from each pump's next
 * fill. Idempotent: replicas starting together agree.
 */
@ApplicationScoped
public class DueTimeRealignment {

    private static final Logger LOG = Logger.getLogger(DueTimeRealignment.class);

    /**
     * Each active pump's deadline as the rules give it (RefillSql): from its latest fill, or from the
     * implant fill when it has none, at the rate predictions use.
     */
    private static final String DUE = RefillSql.dueAt(
            "coalesce(f.performed_at, " + RefillSql.startOfLocalDay("p.implanted_on", "pt.time_zone") + ")",
            "coalesce(f.drug, 'HEPARIN')",
            "coalesce(f.volume_ml, p.reservoir_volume_ml)",
            RefillSql.predictionRate("p.latest_measured_flow_ml_per_day", "p.latest_flow_lower_bound",
                    "p.nominal_flow_rate_ml_per_day"));

    private static final String REALIGN_PUMPS = """
            update pump p
            set next_due_at = d.due_at, reserve_ends_at = d.reserve_ends_at, version = p.version + 1
            from (select p.id, %1$s as due_at, %2$s as reserve_ends_at
                  from pump p
                  join patient pt on pt.id = p.patient_id
                  left join fill f on f.id = p.last_fill_id
                  where p.status = 'ACTIVE') d
            where d.id = p.id
              and (p.next_due_at is distinct from d.due_at or p.reserve_ends_at is distinct from d.reserve_ends_at)
            """.formatted(DUE, RefillSql.reserveEndsAt(DUE));

    private static final String REALIGN_FLAGS = """
            update flag f
            set due_at = p.next_due_at, reserve_ends_at = p.reserve_ends_at, version = f.version + 1
            from pump p
            where f.pump_id = p.id and f.cycle_fill_id is not distinct from p.last_fill_id and f.kind = 'REFILL_OVERDUE'
              and f.status = 'OPEN' and (f.due_at <> p.next_due_at or f.reserve_ends_at <> p.reserve_ends_at)
            """;

    /** An open flag whose due time a longer interval moved into the future is no longer true. */
    private static final String RESOLVE_RESCHEDULED = """
            update flag f
            set status = 'RESOLVED', resolved_at = :now, resolution = 'RESCHEDULED', version = f.version + 1
            from pump p
            where f.pump_id = p.id and f.cycle_fill_id is not distinct from p.last_fill_id and f.kind = 'REFILL_OVERDUE'
              and f.status = 'OPEN' and p.next_due_at > :now
            """;

    private final EntityManager em;
    private final RefillCycle rules;
    private final Clock clock;

    DueTimeRealignment(EntityManager em, RefillCycle rules, Clock clock) {
        this.em = em;
        this.rules = rules;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent start) {
        int pumps = realign();
        if (pumps > 0) {
            LOG.infof("Realigned the due times of %d pumps with the configured intervals", pumps);
        }
    }

    /** @return how many pumps had a due time that no longer matched the configured intervals */
    public int realign() {
        return QuarkusTransaction.requiringNew().call(this::realignInTransaction);
    }

    private int realignInTransaction() {
        // Each active pump looks up its latest fill by primary key. Left to itself the planner hashes
        // the whole fill table instead: every fill ever recorded read at every start (1.8 s at
        // 100,000 pumps with a year of fills, against 0.25 s).
        em.createNativeQuery("set local enable_hashjoin = off").executeUpdate();
        em.createNativeQuery("set local enable_mergejoin = off").executeUpdate();
        int pumps = RuleParameters.bind(em.createNativeQuery(REALIGN_PUMPS), REALIGN_PUMPS, rules.policy())
                .executeUpdate();
        if (pumps > 0) {
            em.createNativeQuery(REALIGN_FLAGS).executeUpdate();
            em.createNativeQuery(RESOLVE_RESCHEDULED).setParameter("now", clock.instant()).executeUpdate();
        }
        return pumps;
    }
}
