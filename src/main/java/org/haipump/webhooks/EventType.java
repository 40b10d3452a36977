package org.haipump.webhooks;

import com.fasterxml.jackson.annotation.JsonValue;

/** The event catalogue (docs/partners.md): what a partner's feed and webhooks carry. */
public enum EventType {
    REFILL_OVERDUE("refill.overdue"),
    REFILL_CRITICAL("refill.critical"),
    REFILL_RESOLVED("refill.resolved"),
    FILL_RECORDED("fill.recorded"),
    APPOINTMENT_BOOKED("appointment.booked"),
    APPOINTMENT_RESCHEDULED("appointment.rescheduled"),
    APPOINTMENT_CANCELLED("appointment.cancelled"),
    APPOINTMENT_MISSED("appointment.missed"),
    APPOINTMENT_ACCEPTED("appointment.accepted"),
    APPOINTMENT_DECLINED("appointment.declined"),
    APPOINTMENT_PROPOSED("appointment.proposed"),
    FLAG_RAISED("flag.raised"),
    PUMP_REMOVED("pump.removed"),
    PARTNER_ASSIGNED("partner.assigned"),
    PARTNER_UNASSIGNED("partner.unassigned");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** The {@code type} of the event's body, e.g. {@code refill.overdue}; also how the API writes and reads it. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The type whose {@link #wireName()} this is. */
    static EventType ofWireName(String wireName) {
        for (EventType type : values()) {
            if (type.wireName.equals(wireName)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown event type " + wireName);
    }

    /** As the API writes it, so that a refusal of an unknown type lists the names to use. */
    @Override
    public String toString() {
        return wireName;
    }
}
