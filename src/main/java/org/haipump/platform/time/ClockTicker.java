package org.haipump.platform.time;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Instant;

/**
 * Caffeine's time from the service's {@link Clock}, so that a cache's ages follow the clock tests
 * move. Not {@code clock.millis()}: on the producer's microsecond tick clock it divides by zero.
 */
public final class ClockTicker {

    private ClockTicker() {
    }

    public static Ticker of(Clock clock) {
        return () -> nanos(clock.instant());
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
