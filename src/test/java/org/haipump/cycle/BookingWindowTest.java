package org.haipump.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.cycle.CycleFixtures.CYCLE;
import static org.haipump.cycle.CycleFixtures.POLICY;
import static org.haipump.cycle.CycleFixtures.ZONE;
import static org.haipump.cycle.CycleFixtures.allowed;
import static org.haipump.cycle.CycleFixtures.pump;
import static org.haipump.cycle.CycleFixtures.refused;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An appointment starts inside the window that opens at the start of the patient's local day three
 * days before the due day and closes when the reserve ends; once the refill is past due, an urgent
 * visit may also start from now up to 24 hours ahead, even past the reserve, with a reason.
 */
class BookingWindowTest {

    /** 09:00 EST on Monday 16 February 2026: due 2026-03-02 09:00 EST, the reserve ends 03-04 09:00 EST. */
    private static final Instant FILLED_AT = Instant.parse("2026-02-16T14:00:00Z");
    private static final Instant DUE_AT = Instant.parse("2026-03-02T14:00:00Z");
    private static final Instant RESERVE_ENDS_AT = Instant.parse("2026-03-04T14:00:00Z");
    /** Midnight EST starting Friday 27 February, three local days before the due day. */
    private static final BookingWindow WINDOW = new BookingWindow(Instant.parse("2026-02-27T05:00:00Z"), RESERVE_ENDS_AT);
    /** Booking a week ahead, before the window opens. */
    private static final Instant BOOKED_AT = Instant.parse("2026-02-20T14:00:00Z");
    private static final PumpCycle PUMP = pump().filled(Drug.CHEMOTHERAPY, FILLED_AT).build();
    private static final String REASON = "Pump on its reserve, first free chair";

    @Test
    void theWindowOpensAtLocalMidnightThreeDaysBeforeTheDueDayAndClosesWhenTheReserveEnds() {
        assertThat(POLICY.bookingWindow(DUE_AT, ZONE)).isEqualTo(WINDOW);
    }

    @ParameterizedTest(name = "[{index}] starting {0}: allowed {1}")
    @CsvSource({
            "2026-02-20T14:00:00Z, false", // a week early
            "2026-02-27T04:59:59Z, false", // the last second of the day before the window opens
            "2026-02-27T05:00:00Z, true",  // local midnight, three days before the due day
            "2026-02-27T13:00:00Z, true",  // 08:00, before the time of day of the fill (10:00 clinics book 08:00 slots)
            "2026-03-02T14:00:00Z, true",  // at due
            "2026-03-04T13:59:59Z, true",  // the last second of the reserve
            "2026-03-04T14:00:00Z, false", // as the reserve ends: before the due time that would plan a dry pump
            "2026-03-10T14:00:00Z, false", // long after
    })
    void beforeTheDueTimeAnAppointmentStartsInsideTheHalfOpenWindow(Instant startsAt, boolean isAllowed) {
        assertThat(WINDOW.contains(startsAt)).isEqualTo(isAllowed);

        Decision<BookingSlot> decision = CYCLE.assessBooking(PUMP, startsAt, REASON, BOOKED_AT);

        if (isAllowed) {
            assertThat(allowed(decision)).isEqualTo(new BookingSlot(WINDOW, DUE_AT, false));
        } else {
            Refusal refusal = refused(decision);
            assertThat(refusal.kind()).isEqualTo(Refusal.Kind.RULE_VIOLATION);
            assertThat(refusal.code()).isEqualTo("outside-refill-window");
            assertThat(refusal.details())
                    .containsEntry("field", "startsAt")
                    .containsEntry("windowOpensAt", "2026-02-27T05:00:00Z")
                    .containsEntry("windowClosesAt", "2026-03-04T14:00:00Z")
                    .doesNotContainKey("urgentUntil");
        }
    }

    @ParameterizedTest(name = "[{index}] booked at {0}, starting {1}: {2}")
    @CsvSource({
            // a second before the due time: no urgent part yet
            "2026-03-02T13:59:59Z, 2026-03-04T14:00:00Z, outside-refill-window",
            // at the due time (OVERDUE): up to 24 hours ahead, past the reserve, is urgent
            "2026-03-02T14:00:00Z, 2026-03-03T14:00:00Z, normal",
            "2026-03-04T02:00:00Z, 2026-03-04T13:59:59Z, normal",  // inside the reserve: not urgent
            "2026-03-04T02:00:00Z, 2026-03-04T14:00:00Z, urgent",  // as the reserve ends
            "2026-03-04T02:00:00Z, 2026-03-05T02:00:00Z, urgent",  // at the horizon
            "2026-03-04T02:00:00Z, 2026-03-05T02:00:01Z, outside-refill-window", // a second past it
            // CRITICAL: the reserve is over, only the urgent part is left
            "2026-03-06T14:00:00Z, 2026-03-06T16:00:00Z, urgent",
            "2026-03-06T14:00:00Z, 2026-03-07T14:00:00Z, urgent",
            "2026-03-06T14:00:00Z, 2026-03-07T14:00:01Z, outside-refill-window",
            "2026-03-06T14:00:00Z, 2026-03-06T13:54:59Z, appointment-in-past",
    })
    void oncePastDueAnUrgentVisitMayStartUpToTheHorizonEvenPastTheReserve(Instant now, Instant startsAt,
                                                                         String outcome) {
        Decision<BookingSlot> decision = CYCLE.assessBooking(PUMP, startsAt, REASON, now);

        switch (outcome) {
            case "normal" -> assertThat(allowed(decision)).isEqualTo(new BookingSlot(WINDOW, DUE_AT, false));
            case "urgent" -> assertThat(allowed(decision)).isEqualTo(new BookingSlot(WINDOW, DUE_AT, true));
            default -> {
                Refusal refusal = refused(decision);
                assertThat(refusal.code()).isEqualTo(outcome);
                if (!now.isBefore(DUE_AT)) {
                    assertThat(refusal.details())
                            .containsEntry("urgentFrom", now.toString())
                            .containsEntry("urgentUntil", now.plus(POLICY.urgentHorizon()).toString());
                }
            }
        }
    }

    @Test
    void anUrgentVisitNeedsAReason() {
        Instant now = Instant.parse("2026-03-04T02:00:00Z");

        Refusal refusal = refused(CYCLE.assessBooking(PUMP, RESERVE_ENDS_AT, " ", now));

        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.RULE_VIOLATION);
        assertThat(refusal.code()).isEqualTo("urgent-reason-required");
        assertThat(refusal.details()).containsEntry("field", "reason");
        assertThat(allowed(CYCLE.assessBooking(PUMP, RESERVE_ENDS_AT.minusSeconds(1), null, now)).urgent()).isFalse();
    }

    @ParameterizedTest(name = "[{index}] starting {0}, booked at 2026-03-03T14:00Z: allowed {1}")
    @CsvSource({
            "2026-03-03T13:54:59Z, false", // more than five minutes ago
            "2026-03-03T13:55:00Z, true",  // five minutes ago: clock skew
            "2026-03-03T14:00:00Z, true",
    })
    void anAppointmentCannotStartInThePast(Instant startsAt, boolean isAllowed) {
        Instant now = Instant.parse("2026-03-03T14:00:00Z");

        Decision<BookingSlot> decision = CYCLE.assessBooking(PUMP, startsAt, null, now);

        if (isAllowed) {
            assertThat(allowed(decision).window()).isEqualTo(WINDOW);
        } else {
            Refusal refusal = refused(decision);
            assertThat(refusal.kind()).isEqualTo(Refusal.Kind.RULE_VIOLATION);
            assertThat(refusal.code()).isEqualTo("appointment-in-past");
        }
    }

    @Test
    void aGlycerolFillsWindowFollowsItsFiftySixDayDueTime() {
        PumpCycle glycerol = pump().filled(Drug.GLYCEROL, FILLED_AT).build();

        BookingSlot slot = allowed(CYCLE.assessBooking(glycerol, Instant.parse("2026-04-10T14:00:00Z"), null, BOOKED_AT));

        // due 2026-04-13 10:00 EDT: the window opens at midnight EDT on 04-10
        assertThat(slot.window()).isEqualTo(new BookingWindow(
                Instant.parse("2026-04-10T04:00:00Z"), Instant.parse("2026-04-15T14:00:00Z")));
    }

    @Test
    void aPartDayEarlyWindowOpensOnTheDayItFallsIn() {
        CyclePolicy thirtySixHours = new CyclePolicy(POLICY.refillInterval(), POLICY.glycerolInterval(),
                POLICY.reserve(), java.time.Duration.ofHours(36), POLICY.flowTolerancePercent(),
                POLICY.urgentHorizon(), POLICY.missedAfter(), POLICY.returnMargin());

        assertThat(thirtySixHours.bookingWindow(DUE_AT, ZONE).opensAt())
                .isEqualTo(LocalDate.of(2026, 2, 28).atStartOfDay(ZONE).toInstant());
    }

    @Test
    void aPumpNeverFilledIsBookedForTheRefillAfterItsImplantFill() {
        // implanted 2026-01-05: the heparin of the operating room at midnight EST is due 01-19 05:00Z
        Instant dueAt = Instant.parse("2026-01-19T05:00:00Z");

        BookingSlot slot = allowed(CYCLE.assessBooking(pump().build(), dueAt, null, Instant.parse("2026-01-17T12:00:00Z")));

        assertThat(slot.refillDueAt()).isEqualTo(dueAt);
        assertThat(slot.window().opensAt()).isEqualTo(Instant.parse("2026-01-16T05:00:00Z"));
    }
}
