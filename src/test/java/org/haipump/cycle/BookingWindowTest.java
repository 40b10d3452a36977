package org.haipump.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.cycle.CycleFixtures.CYCLE;
import static org.haipump.cycle.CycleFixtures.POLICY;
import static org.haipump.cycle.CycleFixtures.allowed;
import static org.haipump.cycle.CycleFixtures.pump;
import static org.haipump.cycle.CycleFixtures.refused;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An appointment for a refill must start inside [dueAt - 3 days, reserveEndsAt). */
class BookingWindowTest {

    private static final Instant FILLED_AT = Instant.parse("2026-02-16T14:00:00Z");
    private static final Instant DUE_AT = Instant.parse("2026-03-02T14:00:00Z");
    private static final BookingWindow WINDOW =
            new BookingWindow(Instant.parse("2026-02-27T14:00:00Z"), Instant.parse("2026-03-04T14:00:00Z"));
    /** Booking a week ahead, before the window opens. */
    private static final Instant BOOKED_AT = Instant.parse("2026-02-20T14:00:00Z");
    private static final PumpCycle PUMP = pump().filled(Drug.CHEMOTHERAPY, FILLED_AT).build();

    @Test
    void theWindowOpensThreeDaysBeforeDueAndClosesWhenTheReserveEnds() {
        assertThat(POLICY.bookingWindow(DUE_AT)).isEqualTo(WINDOW);
    }

    @ParameterizedTest(name = "[{index}] starting {0}: allowed {1}")
    @CsvSource({
            "2026-02-20T14:00:00Z, false", // a week early
            "2026-02-27T13:59:59Z, false", // a second before the window opens
            "2026-02-27T14:00:00Z, true",  // as it opens, three days before due
            "2026-03-02T14:00:00Z, true",  // at due
            "2026-03-04T13:59:59Z, true",  // the last second of the reserve
            "2026-03-04T14:00:00Z, false", // as the reserve ends
            "2026-03-10T14:00:00Z, false", // long after
    })
    void appointmentStartsInsideTheHalfOpenWindow(Instant startsAt, boolean isAllowed) {
        assertThat(WINDOW.contains(startsAt)).isEqualTo(isAllowed);

        Decision<BookingWindow> decision = CYCLE.assessBooking(PUMP, startsAt, BOOKED_AT);

        if (isAllowed) {
            assertThat(allowed(decision)).isEqualTo(WINDOW);
        } else {
            Refusal refusal = refused(decision);
            assertThat(refusal.kind()).isEqualTo(Refusal.Kind.RULE_VIOLATION);
            assertThat(refusal.code()).isEqualTo("outside-refill-window");
            assertThat(refusal.details())
                    .containsEntry("field", "startsAt")
                    .containsEntry("windowOpensAt", "2026-02-27T14:00:00Z")
                    .containsEntry("windowClosesAt", "2026-03-04T14:00:00Z");
        }
    }

    @ParameterizedTest(name = "[{index}] starting {0}, booked at 2026-03-03T14:00Z: allowed {1}")
    @CsvSource({
            "2026-03-03T13:54:59Z, false", // more than five minutes ago
            "2026-03-03T13:55:00Z, true",  // five minutes ago: clock skew
            "2026-03-03T14:00:00Z, true",
    })
    void anAppointmentCannotStartInThePast(Instant startsAt, boolean isAllowed) {
        Instant now = Instant.parse("2026-03-03T14:00:00Z");

        Decision<BookingWindow> decision = CYCLE.assessBooking(PUMP, startsAt, now);

        if (isAllowed) {
            assertThat(allowed(decision)).isEqualTo(WINDOW);
        } else {
            Refusal refusal = refused(decision);
            assertThat(refusal.kind()).isEqualTo(Refusal.Kind.RULE_VIOLATION);
            assertThat(refusal.code()).isEqualTo("appointment-in-past");
        }
    }

    @Test
    void aGlycerolFillsWindowFollowsItsFiftySixDayDueTime() {
        PumpCycle glycerol = pump().filled(Drug.GLYCEROL, FILLED_AT).build();

        BookingWindow window = allowed(CYCLE.assessBooking(glycerol, Instant.parse("2026-04-10T14:00:00Z"), BOOKED_AT));

        assertThat(window).isEqualTo(new BookingWindow(
                Instant.parse("2026-04-10T14:00:00Z"), Instant.parse("2026-04-15T14:00:00Z")));
    }

    @Test
    void nothingToBookForARemovedPump() {
        Refusal refusal = refused(CYCLE.assessBooking(pump().filled(Drug.CHEMOTHERAPY, FILLED_AT).removed().build(), DUE_AT, BOOKED_AT));

        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.CONFLICT);
        assertThat(refusal.code()).isEqualTo("pump-removed");
    }

    @Test
    void nothingToBookBeforeTheFirstFill() {
        Refusal refusal = refused(CYCLE.assessBooking(pump().build(), DUE_AT, BOOKED_AT));

        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.RULE_VIOLATION);
        assertThat(refusal.code()).isEqualTo("no-refill-due");
    }
}
