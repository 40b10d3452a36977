package org.haipump.support;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every domain event the service fires, as its observers see them (in the firing transaction).
 * Inject it into a {@code @QuarkusTest}: {@code @Inject RecordedEvents events;}.
 */
@Singleton
public class RecordedEvents {

    private final List<Object> events = new CopyOnWriteArrayList<>();

    /** Every event of the service's own, not the container's (start-up, shutdown and the like). */
    void record(@Observes Object event) {
        if (event.getClass().getPackageName().startsWith("org.haipump.")) {
            events.add(event);
        }
    }

    /** The events of this type recorded so far, oldest first. */
    public <T> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
