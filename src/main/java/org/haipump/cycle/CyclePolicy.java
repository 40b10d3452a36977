package org.haipump.cycle;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The clinic's timing rules. Intervals are elapsed durations: the reservoir empties by elapsed
 * time, whatever the wall clocks in the patient's zone do.
 */
public record CyclePolicy(
        Duration refillInterval,
        Duration glycerolInterval,
        Duration reserve,
        Duration earlyWindow,
        double flowTolerancePercent,
        Duration urgentHorizon,
        Duration missedAfter,
        Duration returnMargin) {

    /** How far in the future a recorded fill may lie: allows for clock skew between devices. */
    public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private static final double SECONDS_PER_DAY = 86_400.0;

    /**
     * The defaults of the clinic's rules: 14 days, 56 days for glycerol, 2 days reserve, 3 days early,
     * 15 %, urgent visits up to 24 hours ahead, missed 2 hours after the start, a 2-day return margin.
     */
    public static final CyclePolicy DEFAULT = new CyclePolicy(
            Duration.ofDays(14), Duration.ofDays(56), Duration.ofDays(2), Duration.ofDays(3), 15.0,
            Duration.ofHours(24), Duration.ofHours(2), Duration.ofDays(2));

    public CyclePolicy {
        requirePositive(refillInterval, "refillInterval");
        requirePositive(glycerolInterval, "glycerolInterval");
        requirePositive(reserve, "reserve");
        Objects.requireNonNull(earlyWindow, "earlyWindow");
        if (earlyWindow.isNegative()) {
            throw new IllegalArgumentException("earlyWindow must not be negative");
        }
        if (!(flowTolerancePercent > 0)) {
            throw new IllegalArgumentException("flowTolerancePercent must be positive");
        }
        requirePositive(urgentHorizon, "urgentHorizon");
        requirePositive(missedAfter, "missedAfter");
        Objects.requireNonNull(returnMargin, "returnMargin");
        if (returnMargin.isNegative()) {
            throw new IllegalArgumentException("returnMargin must not be negative");
        }
    }

    /** How long a fill of this drug lasts until the next refill is due. */
    public Duration intervalAfter(Drug drug) {
        return drug == Drug.GLYCEROL ? glycerolInterval : refillInterval;
    }

    /**
     * The refill after {@code fill}: due when its drug's interval ends, or earlier when the volume at
     * {@code rateMlPerDay} runs out sooner than the interval plus the reserve, but never before the
     * fill itself. Flow only ever pulls the deadline in. A glycerol fill keeps its interval: its
     * slowed flow is not measured.
     *
     * @param implant the fill is the one assumed at implant, not a recorded one
     */
    public RefillDeadline deadline(FillFact fill, double rateMlPerDay, boolean implant) {
        Instant byInterval = fill.performedAt().plus(intervalAfter(fill.drug()));
        Instant emptyAt = fill.drug() == Drug.GLYCEROL ? null : emptyAt(fill, rateMlPerDay);
        Instant dueAt = byInterval;
        DeadlineBasis basis = DeadlineBasis.INTERVAL;
        if (emptyAt != null && emptyAt.minus(reserve).isBefore(byInterval)) {
            dueAt = latest(fill.performedAt(), emptyAt.minus(reserve));
            basis = DeadlineBasis.FLOW;
        }
        return new RefillDeadline(dueAt, reserveEndsAt(dueAt), emptyAt, implant ? DeadlineBasis.IMPLANT : basis);
    }

    /** {@code performedAt} + volume ÷ rate, to the second; null without a positive rate. */
    static Instant emptyAt(FillFact fill, double rateMlPerDay) {
        if (!(rateMlPerDay > 0)) {
            return null;
        }
        // In decimal, as PostgreSQL computes it (RefillSql): both must round the same second.
        long seconds = java.math.BigDecimal.valueOf(fill.volumeMl())
                .multiply(java.math.BigDecimal.valueOf((long) SECONDS_PER_DAY))
                .divide(java.math.BigDecimal.valueOf(rateMlPerDay), 0, java.math.RoundingMode.HALF_UP)
                .longValueExact();
        return fill.performedAt().plusSeconds(seconds);
    }

    public Instant reserveEndsAt(Instant dueAt) {
        return dueAt.plus(reserve);
    }

    public RefillStatus statusAt(Instant dueAt, Instant now) {
        if (now.isBefore(dueAt)) {
            return RefillStatus.UPCOMING;
        }
        return now.isBefore(reserveEndsAt(dueAt)) ? RefillStatus.OVERDUE : RefillStatus.CRITICAL;
    }

    /**
     * The instants an appointment for the refill due at {@code dueAt} may start in: from the start of
     * the patient's local day {@code earlyWindow} before the due day (a part of a day counts as a
     * whole one) until the reserve ends.
     */
    public BookingWindow bookingWindow(Instant dueAt, ZoneId zone) {
        long days = earlyWindow.toDays() + (earlyWindow.minusDays(earlyWindow.toDays()).isZero() ? 0 : 1);
        Instant opensAt = dueAt.atZone(zone).toLocalDate().minusDays(days).atStartOfDay(zone).toInstant();
        return new BookingWindow(opensAt, reserveEndsAt(dueAt));
    }

    /** The latest start of an urgent visit booked at {@code now}. */
    public Instant urgentUntil(Instant now) {
        return now.plus(urgentHorizon);
    }

    /** A booked visit that started at {@code startsAt} is missed from this instant on, unless a fill was recorded. */
    public Instant missedAt(Instant startsAt) {
        return startsAt.plus(missedAfter);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
