package org.haipump.flags;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.IntSupplier;
import org.haipump.appointments.AppointmentMissed;
import org.haipump.cycle.CyclePolicy;
import org.haipump.cycle.RefillCycle;
import org.haipump.cycle.RefillSql;
import org.haipump.platform.persistence.RuleParameters;
import org.jboss.logging.Logger;

/**
 * Flags every active pump whose refill is past due, escalates flags whose reserve has ended,
 * resolves flags whose cycle is over, marks booked visits nobody kept as missed, and asks for the
 * review of each chemotherapy hold that reached its review day. It selects by state, not by what
 * changed since the last run: a run after downtime catches up everything, and a repeated or
 * concurrent run changes nothing (the database allows one overdue flag per pump and cycle, one
 * review flag per hold).
 */
@ApplicationScoped
public class OverdueScan {

    private static final Logger LOG = Logger.getLogger(OverdueScan.class);

    /** A pump never filled counts from its implant fill (last_fill_id null): it is flagged like any other. */
    private static final String LATE_PUMPS = """
            from pump p
            where p.status = 'ACTIVE' and %s
            """.formatted(RefillSql.isPastDue("p.next_due_at"));

    private static final String CRITICAL = RefillSql.reserveHasEnded("p.reserve_ends_at");

    /**
     * Locking the late pumps makes a fill in flight finish first, and the pump is then re-checked:
     * a pump refilled meanwhile is not flagged. A flag resolved because a longer interval moved its
     * due time ({@code RESCHEDULED}) is reopened when the new due time passes. Pumps whose cycle is
     * flagged already are left out before the insert, so that the statement locks no flag row but
     * the ones it writes: the other steps lock flags in their id order, and a conflict that locked
     * flags in pump order could deadlock with them.
     */
    private static final String RAISE = """
            insert into flag (id, pump_id, patient_id, kind, level, status, cycle_fill_id, raised_at, escalated_at,
                              due_at, reserve_ends_at, detail, version)
            select gen_random_uuid(), p.id, p.patient_id, 'REFILL_OVERDUE',
                   case when %1$s then 'CRITICAL' else 'OVERDUE' end, 'OPEN', p.last_fill_id,
                   :now, case when %1$s then cast(:now as timestamptz) end,
                   p.next_due_at, p.reserve_ends_at,
                   case when %1$s then 'The reserve has ended: the pump may be dry.'
                        else 'The refill is past due: the pump runs on its reserve.' end,
                   0
            """.formatted(CRITICAL) + LATE_PUMPS + """
              and not exists (select 1 from flag f
                              where f.pump_id = p.id and f.kind = 'REFILL_OVERDUE'
                                and f.cycle_fill_id is not distinct from p.last_fill_id
                                and not (f.status = 'RESOLVED' and f.resolution = 'RESCHEDULED'))
            %s
            order by p.id
            for no key update of p
            on conflict (pump_id, cycle_fill_id) where kind = 'REFILL_OVERDUE' do update
            set status = 'OPEN', level = excluded.level, raised_at = excluded.raised_at,
                escalated_at = excluded.escalated_at, due_at = excluded.due_at,
                reserve_ends_at = excluded.reserve_ends_at, detail = excluded.detail, resolved_at = null,
                resolution = null, acknowledged_at = null, acknowledged_by = null, version = flag.version + 1
            where flag.status = 'RESOLVED' and flag.resolution = 'RESCHEDULED'
            returning id, pump_id, patient_id, kind, level
            """;

    /**
     * Every step that updates rows of one table locks them first in their id order ({@link #inIdOrder}),
     * so that two runs, or a run and a fill, always wait for each other in the same order and never
     * deadlock; a row changed meanwhile is re-checked when its lock is granted.
     */
    private static final String ESCALATE = """
            with target as materialized (%s)
            update flag f
            set level = 'CRITICAL', escalated_at = :now, acknowledged_at = null, acknowledged_by = null,
                detail = 'The reserve has ended: the pump may be dry.', version = f.version + 1
            from target where f.id = target.id
            returning f.id, f.pump_id, f.patient_id
            """.formatted(inIdOrder("flag", """
                    kind = 'REFILL_OVERDUE' and status = 'OPEN' and level = 'OVERDUE' and %s
                    """.formatted(RefillSql.reserveHasEnded("reserve_ends_at"))));

    /** A safety net: fills and removals resolve their flags at once, this heals anything missed. */
    private static final String RESOLVE = """
            with target as materialized (%s)
            update flag f
            set status = 'RESOLVED', resolved_at = :now, version = f.version + 1,
                resolution = case when p.status = 'REMOVED' then 'PUMP_REMOVED' else 'REFILLED' end
            from target join pump p on p.id = target.pump_id
            where f.id = target.id
            returning f.id, f.pump_id, f.patient_id, f.kind, f.resolution
            """.formatted(inIdOrder("flag", """
                    kind = 'REFILL_OVERDUE' and status = 'OPEN'
                      and exists (select 1 from pump p where p.id = flag.pump_id
                                  and (p.status = 'REMOVED' or p.last_fill_id is distinct from flag.cycle_fill_id))
                    """));

    /**
     * A booked visit that nobody kept is missed, and no longer the pump's open appointment. Locking
     * the appointment makes a fill in flight (which completes it under the pump's lock) finish first;
     * the row is then re-checked and a completed visit is left alone.
     */
    private static final String MARK_MISSED = """
            with target as materialized (%s)
            update appointment a
            set status = 'MISSED', missed_at = :now, version = a.version + 1
            from target where a.id = target.id
            returning a.id, a.pump_id, a.patient_id
            """.formatted(inIdOrder("appointment", "status = 'BOOKED' and "
                    + RefillSql.isMissed("starts_at")));

    /** The instant a hold's review falls due: the start of its review day in the patient's zone. */
    private static final String REVIEW_DUE_AT = RefillSql.startOfLocalDay("h.review_on", "pt.time_zone");

    /** Lasting holds of active pumps whose review day has begun and that have no review flag yet. */
    private static final String HOLDS_DUE_FOR_REVIEW = """
            from chemotherapy_hold h
            join pump p on p.id = h.pump_id
            join patient pt on pt.id = p.patient_id
            where h.ends_on is null and p.status = 'ACTIVE' and %s
              and not exists (select 1 from flag f where f.chemotherapy_hold_id = h.id and f.kind = 'CHEMO_HOLD_REVIEW')
            """.formatted(RefillSql.reviewIsDue("h.review_on", "pt.time_zone"));

    /**
     * One review flag per hold that reached its review day still lasting. Locking the hold makes an
     * end in flight (which locks it too) finish first; the hold is then re-checked, and an ended one
     * gets no review. The unique index keeps it to one review per hold, whatever runs concurrently.
     */
    private static final String RAISE_REVIEWS = """
            insert into flag (id, pump_id, patient_id, kind, level, status, chemotherapy_hold_id, raised_at, due_at,
                              detail, version)
            select gen_random_uuid(), p.id, p.patient_id, 'CHEMO_HOLD_REVIEW', 'WARNING', 'OPEN', h.id, :now, %s,
                   'The chemotherapy hold reached its review day: recheck the liver tests, then end the hold or keep it.',
                   0
            """.formatted(REVIEW_DUE_AT) + HOLDS_DUE_FOR_REVIEW + """
            %s
            order by h.id
            for no key update of h
            on conflict (chemotherapy_hold_id) where kind = 'CHEMO_HOLD_REVIEW' do nothing
            returning id, pump_id, patient_id, kind, level
            """;

    /** A safety net: ending a hold or removing the pump resolves its review at once, this heals anything missed. */
    private static final String RESOLVE_REVIEWS = """
            with target as materialized (%s)
            update flag f
            set status = 'RESOLVED', resolved_at = :now, version = f.version + 1,
                resolution = case when p.status = 'REMOVED' then 'PUMP_REMOVED' else 'HOLD_ENDED' end
            from target join pump p on p.id = target.pump_id
            where f.id = target.id
            returning f.id, f.pump_id, f.patient_id, f.kind, f.resolution
            """.formatted(inIdOrder("flag", """
                    kind = 'CHEMO_HOLD_REVIEW' and status = 'OPEN'
                      and exists (select 1 from chemotherapy_hold h join pump p on p.id = h.pump_id
                                  where h.id = flag.chemotherapy_hold_id and (p.status = 'REMOVED' or h.ends_on is not null))
                    """));

    /** The ids and pumps of the rows of {@code table} that match {@code condition}, locked in id order. */
    private static String inIdOrder(String table, String condition) {
        return "select id, pump_id from %s where %s order by id for no key update".formatted(table, condition.strip());
    }

    private final EntityManager em;
    private final CyclePolicy policy;
    private final Event<AppointmentMissed> missedEvents;
    private final FlagEvents events;
    private final Clock clock;
    private final FlagMetrics metrics;

    OverdueScan(EntityManager em, RefillCycle rules, Event<AppointmentMissed> missedEvents, FlagEvents events,
                Clock clock, FlagMetrics metrics) {
        this.em = em;
        this.policy = rules.policy();
        this.missedEvents = missedEvents;
        this.events = events;
        this.clock = clock;
        this.metrics = metrics;
    }

    public OverdueScanResult run() {
        return runAt(clock.instant());
    }

    /** The scan as of {@code now}: what a run at that instant would do. */
    public OverdueScanResult runAt(Instant now) {
        long started = System.nanoTime();
        List<UUID> failedPumps = new ArrayList<>();
        List<String> failedSteps = new ArrayList<>();

        int resolved = step("resolve", failedSteps, () -> changed(query(RESOLVE, now), events::resolved, now))
                + step("resolve-reviews", failedSteps, () -> changed(query(RESOLVE_REVIEWS, now), events::resolved, now));
        int raised = raise(now, failedPumps, failedSteps);
        int escalated = step("escalate", failedSteps, () -> changed(query(ESCALATE, now), events::escalated, now));
        int missed = step("missed", failedSteps, () -> changed(query(MARK_MISSED, now), this::missed, now));
        int holdReviews = raiseReviews(now, failedPumps, failedSteps);

        long nanos = System.nanoTime() - started;
        OverdueScanResult result = new OverdueScanResult(raised, escalated, resolved, missed, holdReviews,
                List.copyOf(failedPumps), List.copyOf(failedSteps), nanos / 1_000_000);
        if (result.clean()) {
            LOG.infof("Overdue scan: raised=%d escalated=%d resolved=%d missed=%d reviews=%d in %d ms",
                    raised, escalated, resolved, missed, holdReviews, result.millis());
        } else {
            LOG.warnf("Overdue scan: raised=%d escalated=%d resolved=%d missed=%d reviews=%d in %d ms;"
                            + " failed pumps=%s steps=%s",
                    raised, escalated, resolved, missed, holdReviews, result.millis(), failedPumps, failedSteps);
        }
        metrics.scanned(result, nanos);
        return result;
    }

    /** One statement for all late pumps; if it fails, pump by pump, so one bad row costs only itself. */
    private int raise(Instant now, List<UUID> failedPumps, List<String> failedSteps) {
        try {
            return inTransaction(() -> changed(query(RAISE.formatted(""), now), events::raised, now));
        } catch (RuntimeException e) {
            LOG.warnf("Overdue scan: raising flags in one statement failed (%s); retrying pump by pump",
                    e.getClass().getName());
        }
        List<UUID> late;
        try {
            late = inTransactionList(now);
        } catch (RuntimeException e) {
            failedSteps.add("raise");
            return 0;
        }
        int raised = 0;
        for (UUID pumpId : late) {
            try {
                raised += inTransaction(() -> changed(query(RAISE.formatted("and p.id = :pumpId"), now)
                        .setParameter("pumpId", pumpId), events::raised, now));
            } catch (RuntimeException e) {
                failedPumps.add(pumpId);
            }
        }
        return raised;
    }

    /** As {@link #raise}: all holds due for review in one statement; if it fails, hold by hold. */
    private int raiseReviews(Instant now, List<UUID> failedPumps, List<String> failedSteps) {
        try {
            return inTransaction(() -> changed(query(RAISE_REVIEWS.formatted(""), now), events::raised, now));
        } catch (RuntimeException e) {
            LOG.warnf("Overdue scan: raising hold reviews in one statement failed (%s); retrying hold by hold",
                    e.getClass().getName());
        }
        List<Object[]> due;
        try {
            due = holdsDueForReview(now);
        } catch (RuntimeException e) {
            failedSteps.add("review");
            return 0;
        }
        int raised = 0;
        for (Object[] hold : due) {
            try {
                raised += inTransaction(() -> changed(query(RAISE_REVIEWS.formatted("and h.id = :holdId"), now)
                        .setParameter("holdId", hold[0]), events::raised, now));
            } catch (RuntimeException e) {
                failedPumps.add((UUID) hold[1]);
            }
        }
        return raised;
    }

    /** Each hold due for review and its pump. */
    @SuppressWarnings("unchecked")
    private List<Object[]> holdsDueForReview(Instant now) {
        return QuarkusTransaction.requiringNew().call(() ->
                (List<Object[]>) em.createNativeQuery("select h.id, h.pump_id " + HOLDS_DUE_FOR_REVIEW)
                        .setParameter("now", now).getResultList());
    }

    @SuppressWarnings("unchecked")
    private List<UUID> inTransactionList(Instant now) {
        return QuarkusTransaction.requiringNew().call(() ->
                (List<UUID>) em.createNativeQuery("select p.id " + LATE_PUMPS, UUID.class)
                        .setParameter("now", now).getResultList());
    }

    private int step(String name, List<String> failedSteps, IntSupplier statement) {
        try {
            return inTransaction(statement);
        } catch (RuntimeException e) {
            LOG.warnf("Overdue scan: step %s failed (%s)", name, e.getClass().getName());
            failedSteps.add(name);
            return 0;
        }
    }

    /**
     * Runs a statement that returns the rows it changed and tells of each through {@code tell}, in
     * the statement's transaction; answers how many it changed.
     */
    @SuppressWarnings("unchecked")
    private static int changed(Query statement, BiConsumer<List<Object[]>, Instant> tell, Instant now) {
        List<Object[]> rows = statement.getResultList();
        tell.accept(rows, now);
        return rows.size();
    }

    private void missed(List<Object[]> rows, Instant now) {
        for (Object[] row : rows) {
            missedEvents.fire(new AppointmentMissed((UUID) row[0], (UUID) row[1], (UUID) row[2], now));
        }
    }

    private Query query(String sql, Instant now) {
        return RuleParameters.bind(em.createNativeQuery(sql), sql, policy).setParameter("now", now);
    }

    private static int inTransaction(IntSupplier work) {
        return QuarkusTransaction.requiringNew().call(work::getAsInt);
    }
}
