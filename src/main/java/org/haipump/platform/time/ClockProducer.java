package org.haipump.platform.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;

/** The only source of "now" in the service; everything else injects {@link Clock}. */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @ApplicationScoped
    Clock clock() {
        // Microsecond ticks: what PostgreSQL stores, so an answer and a later read agree.
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
