package org.haipump.cycle;

import java.time.Instant;

/** The half-open interval {@code [opensAt, closesAt)} in which a refill appointment may start. */
public record BookingWindow(Instant opensAt, Instant closesAt) {

    public boolean contains(Instant startsAt) {
        return !startsAt.isBefore(opensAt) && startsAt.isBefore(closesAt);
    }
}
