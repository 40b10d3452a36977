package org.haipump.cycle;

import java.time.Instant;

/**
 * An accepted appointment start: the window of the refill it is for, that refill's due time, and
 * whether it is urgent (at or after the end of the reserve).
 */
public record BookingSlot(BookingWindow window, Instant refillDueAt, boolean urgent) {
}
