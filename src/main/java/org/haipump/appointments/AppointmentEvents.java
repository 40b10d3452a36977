package org.haipump.appointments;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

/** The events an appointment's changes fire, inside the transaction that makes them. */
@ApplicationScoped
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
