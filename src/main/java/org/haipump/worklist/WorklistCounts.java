package org.haipump.worklist;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import org.haipump.cycle.RefillSql;
import org.haipump.cycle.RefillStatus;
import org.haipump.platform.config.HaiConfig;
import org.haipump.platform.time.ClockTicker;

/**
 * The worklist's counts by status. Counting reads every pump due before the horizon, so its cost
 * grows with the number of pumps; a worklist request must not. The counts for a horizon are
 * therefore kept for {@code hai.worklist.counts-max-age} (5 s), then counted again in the
 * background while the kept ones still serve; after a quiet spell of twice that, a request counts
 * them itself. Counts are thus never more than twice the maximum age old, and each answer says as
 * of when ({@code countsAsOf}). A maximum age of 0 counts on every request.
 */
@ApplicationScoped
public class WorklistCounts {

    /** The counts, the moment they were taken, and the horizon they counted up to. */
    public record Counts(Map<RefillStatus, Long> byStatus, Instant asOf, Instant horizon) {

        public long total() {
            return byStatus.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Which horizon: a caller's {@code dueBefore}, or (null) the default one, from the moment of counting. */
    private record Horizon(Instant dueBefore) {
    }

    private static final String COUNTS = """
            select count(*) filter (where not (%1$s)),
                   count(*) filter (where %1$s and not (%2$s)),
                   count(*) filter (where %2$s)
            from pump where status = 'ACTIVE' and next_due_at < :horizon"""
            .formatted(RefillSql.isPastDue("next_due_at"), RefillSql.reserveHasEnded("reserve_ends_at"));
    /** Horizons kept at once: the default one and the few that dashboards ask for. */
    private static final int HORIZONS_KEPT = 256;

    private final BiFunction<Instant, Instant, Map<RefillStatus, Long>> counter;
    private final Clock clock;
    private final LoadingCache<Horizon, Counts> kept;

    @Inject
    WorklistCounts(HaiConfig config, EntityManager em, Clock clock) {
        this(config.worklist().countsMaxAge(), clock, (now, horizon) -> count(em, now, horizon),
                Infrastructure.getDefaultWorkerPool());
    }

    /** {@code counter} counts as of a moment up to a horizon, in a transaction of its own when it is called in none. */
    WorklistCounts(Duration maxAge, Clock clock, BiFunction<Instant, Instant, Map<RefillStatus, Long>> counter,
                   Executor background) {
        this.counter = counter;
        this.clock = clock;
        this.kept = maxAge.isZero() ? null : Caffeine.newBuilder()
                .ticker(ClockTicker.of(clock))
                .executor(background)
                .maximumSize(HORIZONS_KEPT)
                .refreshAfterWrite(maxAge)
                .expireAfterWrite(maxAge.multipliedBy(2))
                .build(this::countNow);
    }

    /**
     * The counts up to {@code dueBefore}, or when null up to {@link WorklistService#DEFAULT_HORIZON}
     * from the moment of counting.
     */
    public Counts counts(Instant dueBefore) {
        Horizon horizon = new Horizon(dueBefore);
        return kept == null ? countNow(horizon) : kept.get(horizon);
    }

    private Counts countNow(Horizon horizon) {
        Instant now = clock.instant();
        Instant until = horizon.dueBefore() != null ? horizon.dueBefore() : now.plus(WorklistService.DEFAULT_HORIZON);
        return new Counts(counter.apply(now, until), now, until);
    }

    private static Map<RefillStatus, Long> count(EntityManager em, Instant now, Instant horizon) {
        Object[] row = QuarkusTransaction.joiningExisting().call(() -> (Object[]) em.createNativeQuery(COUNTS)
                .setParameter("now", now).setParameter("horizon", horizon).getSingleResult());
        Map<RefillStatus, Long> counts = new EnumMap<>(RefillStatus.class);
        counts.put(RefillStatus.UPCOMING, ((Number) row[0]).longValue());
        counts.put(RefillStatus.OVERDUE, ((Number) row[1]).longValue());
        counts.put(RefillStatus.CRITICAL, ((Number) row[2]).longValue());
        return counts;
    }
}
