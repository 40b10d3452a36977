package org.haipump.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a failed delivery is tried again: after {@code initialDelay}, doubling with each attempt up
 * to {@link #MAX_DELAY}, spread by ±20 % so that the retries of many events to one endpoint that
 * came back do not arrive together; never once {@code maxAge} has passed since the event occurred:
 * the event is then dead-lettered.
 */
public record RetrySchedule(Duration initialDelay, Duration maxAge) {

    static final Duration MAX_DELAY = Duration.ofHours(6);

    /**
     * The next attempt after the {@code attempts}-th failed at {@code now}, or empty when the event
     * is too old to try again. {@code jitter} is a number in [0, 1), drawn at random.
     */
    public Optional<Instant> nextAttempt(Instant occurredAt, int attempts, Instant now, double jitter) {
        Instant deadline = occurredAt.plus(maxAge);
        if (!now.isBefore(deadline)) {
            return Optional.empty();
        }
        long base = initialDelay.toMillis() << Math.min(Math.max(attempts - 1, 0), 30);
        long capped = Math.min(base, MAX_DELAY.toMillis());
        long delay = Math.round(capped * (0.8 + 0.4 * jitter));
        Instant next = now.plusMillis(Math.max(delay, 1));
        return Optional.of(next.isBefore(deadline) ? next : deadline);
    }
}
