package org.haipump.cycle;

import java.time.Duration;
import java.time.Instant;
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
        double flowTolerancePercent) {

    /** How far in the future a recorded fill may lie: allows for clock skew between devices. */
    public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    /** The defaults of the clinic's rules: 14 days, 56 days for glycerol, 2 days reserve, 3 days early, 15 %. */
    public static final CyclePolicy DEFAULT = new CyclePolicy(
            Duration.ofDays(14), Duration.ofDays(56), Duration.ofDays(2), Duration.ofDays(3), 15.0);

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
    }

    /** How long a fill of this drug lasts until the next refill is due. */
    public Duration intervalAfter(Drug drug) {
        return drug == Drug.GLYCEROL ? glycerolInterval : refillInterval;
    }

    public Instant dueAfter(Instant performedAt, Drug drug) {
        return performedAt.plus(intervalAfter(drug));
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

    /** The instants an appointment for the refill due at {@code dueAt} may start in. */
    public BookingWindow bookingWindow(Instant dueAt) {
        return new BookingWindow(dueAt.minus(earlyWindow), reserveEndsAt(dueAt));
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
