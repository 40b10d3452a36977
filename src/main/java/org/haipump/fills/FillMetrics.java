package org.haipump.fills;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.EnumMap;
import java.util.Map;
import org.haipump.cycle.RefillLocation;

/**
 * Counts recorded fills by where they happened. Counted once the fill's transaction has committed,
 * so a refused fill (rolled back) and an idempotent replay (no new fill) never count.
 */
@Startup
@ApplicationScoped
public class FillMetrics {

    static final String FILLS_RECORDED = "hai.fills.recorded";
    /** The location tag of a fill that completed no appointment: where it happened is not recorded. */
    static final String UNKNOWN_LOCATION = "UNKNOWN";

    private final Map<RefillLocation, Counter> byLocation = new EnumMap<>(RefillLocation.class);
    private final Counter withoutAppointment;

    FillMetrics(MeterRegistry registry) {
        // Registered up front, so each series exists at 0 before the first fill.
        for (RefillLocation location : RefillLocation.values()) {
            byLocation.put(location, counter(registry, location.name()));
        }
        withoutAppointment = counter(registry, UNKNOWN_LOCATION);
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) FillRecorded fill) {
        (fill.location() == null ? withoutAppointment : byLocation.get(fill.location())).increment();
    }

    private static Counter counter(MeterRegistry registry, String location) {
        return Counter.builder(FILLS_RECORDED)
                .description("Fills recorded, by the location of the appointment they completed")
                .tag("location", location)
                .register(registry);
    }
}
