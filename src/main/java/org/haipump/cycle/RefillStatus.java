package org.haipump.cycle;

/** Urgency of a pump's next refill at a given instant. */
public enum RefillStatus {
    /** Before the due time. */
    UPCOMING,
    /** From the due time until the reserve ends: the pump is running on its reserve. */
    OVERDUE,
    /** From the end of the reserve on: the pump may be dry. */
    CRITICAL
}
