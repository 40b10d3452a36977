package org.haipump.support;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.haipump.appointments.AppointmentBooked;
import org.haipump.appointments.AppointmentCancelled;
import org.haipump.appointments.AppointmentMissed;
import org.haipump.appointments.AppointmentRescheduled;
import org.haipump.flags.FlagEscalated;
import org.haipump.flags.FlagRaised;
import org.haipump.flags.FlagResolved;

/**
 * Every domain event the service fires, as its observers see them (in the firing transaction).
 * Inject it into a {@code @QuarkusTest}: {@code @Inject RecordedEvents events;}.
 */
@Singleton
public class RecordedEvents {

    private final List<Object> events = new CopyOnWriteArrayList<>();

    void booked(@Observes AppointmentBooked event) {
        events.add(event);
    }

    void rescheduled(@Observes AppointmentRescheduled event) {
        events.add(event);
    }

    void cancelled(@Observes AppointmentCancelled event) {
        events.add(event);
    }

    void missed(@Observes AppointmentMissed event) {
        events.add(event);
    }

    void raised(@Observes FlagRaised event) {
        events.add(event);
    }

    void escalated(@Observes FlagEscalated event) {
        events.add(event);
    }

    void resolved(@Observes FlagResolved event) {
        events.add(event);
    }

    /** The events of this type recorded so far, oldest first. */
    public <T> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
