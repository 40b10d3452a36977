package org.haipump.appointments;

import jakarta.enterprise.event.Event;
import jakarta.inject.Singleton;

/**
 * The events an appointment's changes fire, inside the transaction that makes them. A singleton,
 * not application-scoped: its fields are read directly, and a client proxy's fields are empty.
 */
@Singleton
class AppointmentEvents {

    final Event<AppointmentBooked> booked;
    final Event<AppointmentRescheduled> rescheduled;
    final Event<AppointmentCancelled> cancelled;

    AppointmentEvents(Event<AppointmentBooked> booked, Event<AppointmentRescheduled> rescheduled,
                      Event<AppointmentCancelled> cancelled) {
        this.booked = booked;
        this.rescheduled = rescheduled;
        this.cancelled = cancelled;
    }
}
