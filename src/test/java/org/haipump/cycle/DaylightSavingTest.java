package org.haipump.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.cycle.CycleFixtures.CYCLE;
import static org.haipump.cycle.CycleFixtures.ZONE;
import static org.haipump.cycle.CycleFixtures.allowed;
import static org.haipump.cycle.CycleFixtures.pump;
import static org.haipump.cycle.CycleFixtures.refused;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/**
 * The reservoir empties by elapsed time: 14 days are 336 hours even when New York's clocks change
 * (DST ends 2026-11-01, starts 2027-03-14); local wall-clock times and even local dates shift.
 */
class DaylightSavingTest {

    private static final Duration FOURTEEN_DAYS = Duration.ofHours(336);

    private static LocalDateTime local(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZONE);
    }

    @Test
    void fallBackWeekKeeps336HoursAndTheWallClockMovesFromTenToNine() {
        Instant filledAt = Instant.parse("2026-10-25T14:00:00Z");
        Instant before = filledAt.minusSeconds(60);

        NextRefill next = CYCLE.nextRefill(pump().filled(Drug.CHEMOTHERAPY, filledAt).build(), before).orElseThrow();

        assertThat(next.dueAt()).isEqualTo(Instant.parse("2026-11-08T14:00:00Z"));
        assertThat(Duration.between(filledAt, next.dueAt())).isEqualTo(FOURTEEN_DAYS);
        assertThat(local(filledAt)).isEqualTo(LocalDateTime.parse("2026-10-25T10:00"));
        assertThat(local(next.dueAt())).isEqualTo(LocalDateTime.parse("2026-11-08T09:00"));
        assertThat(next.reserveEndsAt()).isEqualTo(Instant.parse("2026-11-10T14:00:00Z"));
    }

    @Test
    void springForwardWeekKeeps336HoursAndTheWallClockMovesFromTenToEleven() {
        Instant filledAt = Instant.parse("2027-03-07T15:00:00Z");

        NextRefill next = CYCLE.nextRefill(pump().filled(Drug.HEPARIN, filledAt).build(), filledAt).orElseThrow();

        assertThat(next.dueAt()).isEqualTo(Instant.parse("2027-03-21T15:00:00Z"));
        assertThat(Duration.between(filledAt, next.dueAt())).isEqualTo(FOURTEEN_DAYS);
        assertThat(local(filledAt)).isEqualTo(LocalDateTime.parse("2027-03-07T10:00"));
        assertThat(local(next.dueAt())).isEqualTo(LocalDateTime.parse("2027-03-21T11:00"));
        assertThat(next.drug()).isEqualTo(Drug.CHEMOTHERAPY);
    }

    @Test
    void statusTurnsOverdueAtTheElapsedDueTimeNotAtTheLocalWallClockTime() {
        Instant filledAt = Instant.parse("2026-10-25T14:00:00Z"); // 10:00 EDT
        PumpCycle pump = pump().filled(Drug.CHEMOTHERAPY, filledAt).build();
        Instant tenOClockLocalOnDueDay = Instant.parse("2026-11-08T15:00:00Z"); // 10:00 EST

        assertThat(CYCLE.nextRefill(pump, Instant.parse("2026-11-08T13:59:59Z")).orElseThrow().status())
                .isEqualTo(RefillStatus.UPCOMING);
        assertThat(CYCLE.nextRefill(pump, Instant.parse("2026-11-08T14:00:00Z")).orElseThrow().status())
                .isEqualTo(RefillStatus.OVERDUE);
        assertThat(CYCLE.nextRefill(pump, tenOClockLocalOnDueDay).orElseThrow().status())
                .isEqualTo(RefillStatus.OVERDUE);
    }

    @Test
    void theBookingWindowOpensAtLocalMidnightThreeDaysBeforeTheDueDayAcrossTheChange() {
        Instant filledAt = Instant.parse("2026-10-20T14:00:00Z"); // 10:00 EDT, due 2026-11-03 09:00 EST
        Instant opensAt = Instant.parse("2026-10-31T04:00:00Z");  // midnight EDT, before clocks fall back on 11-01

        BookingWindow window = allowed(CYCLE.assessBooking(
                pump().filled(Drug.CHEMOTHERAPY, filledAt).build(), opensAt, null, filledAt)).window();

        assertThat(window).isEqualTo(new BookingWindow(opensAt, Instant.parse("2026-11-05T14:00:00Z")));
        assertThat(local(window.opensAt())).isEqualTo(LocalDateTime.parse("2026-10-31T00:00"));
        assertThat(refused(CYCLE.assessBooking(pump().filled(Drug.CHEMOTHERAPY, filledAt).build(),
                opensAt.minusSeconds(1), null, filledAt)).code()).isEqualTo("outside-refill-window");
    }

    @Test
    void theBookingWindowOpensAtLocalMidnightWhenTheClocksSpringForwardInBetween() {
        Instant filledAt = Instant.parse("2026-02-24T15:00:00Z"); // 10:00 EST, due 2026-03-10 11:00 EDT
        Instant opensAt = Instant.parse("2026-03-07T05:00:00Z");  // midnight EST on 03-07, before 03-08's change

        BookingWindow window = allowed(CYCLE.assessBooking(
                pump().filled(Drug.CHEMOTHERAPY, filledAt).build(), opensAt, null, filledAt)).window();

        assertThat(local(window.opensAt())).isEqualTo(LocalDateTime.parse("2026-03-07T00:00"));
        assertThat(window.closesAt()).isEqualTo(Instant.parse("2026-03-12T15:00:00Z"));
    }

    @Test
    void aFillJustAfterLocalMidnightIsDueOnTheLocalDayBefore() {
        // 00:30 EDT on 10-25; 336 hours later it is 23:30 EST on 11-07
        Instant filledAt = Instant.parse("2026-10-25T04:30:00Z");
        PumpCycle pump = pump().filled(Drug.CHEMOTHERAPY, filledAt).build();
        LocalDate today = LocalDate.of(2026, 10, 26);

        Instant dueAt = CYCLE.nextRefill(pump, filledAt).orElseThrow().dueAt();
        assertThat(dueAt).isEqualTo(Instant.parse("2026-11-08T04:30:00Z"));
        assertThat(local(dueAt)).isEqualTo(LocalDateTime.parse("2026-11-07T23:30"));

        // so a hold departing on 11-07 (local) already takes that refill as glycerol ...
        PlannedGlycerolFill planned = allowed(CYCLE.planHold(pump,
                new GlycerolHold(LocalDate.of(2026, 11, 7), LocalDate.of(2026, 12, 20)), today));
        assertThat(planned).isEqualTo(new PlannedGlycerolFill(dueAt, LocalDate.of(2027, 1, 2)));

        // ... and one departing on 11-06 has no refill before it
        Refusal refusal = refused(CYCLE.planHold(pump,
                new GlycerolHold(LocalDate.of(2026, 11, 6), LocalDate.of(2026, 12, 20)), today));
        assertThat(refusal.code()).isEqualTo("no-refill-before-departure");
    }
}
