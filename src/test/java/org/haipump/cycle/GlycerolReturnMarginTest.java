package org.haipump.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.cycle.CycleFixtures.CYCLE;
import static org.haipump.cycle.CycleFixtures.TODAY;
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
 * A glycerol hold is covered only when the return day ends (the start of the next day, in the
 * patient's zone) at least the return margin (2 days) before the refill after the glycerol fill
 * falls due (the glycerol fill + 56 days).
 */
class GlycerolReturnMarginTest {

    @ParameterizedTest(name = "[{index}] glycerol at {0}, back on {1}: covered {2}")
    @CsvSource({
            // return 05-22 ends 05-23T04:00Z (EDT); the refill after glycerol at 03-30T04:00Z is due 05-25T04:00Z
            "2026-03-30T04:00:00Z, 2026-05-22, true",  // exactly the margin
            "2026-03-30T04:00:01Z, 2026-05-22, true",  // a second more
            "2026-03-30T03:59:59Z, 2026-05-22, false", // a second short
            "2026-03-30T04:00:00Z, 2026-05-23, false", // a day later
            "2026-03-30T04:00:00Z, 2026-05-21, true",
            // back on 11-01, the day clocks fall back: that day ends 11-02T05:00Z (EST), 25 hours after it began
            "2026-09-09T05:00:00Z, 2026-11-01, true",  // exactly the margin
            "2026-09-09T04:59:59Z, 2026-11-01, false",
    })
    void theReturnDayMustEndAtLeastTheMarginBeforeTheRefillAfterGlycerol(Instant glycerolFillAt, LocalDate returnOn,
                                                                         boolean covered) {
        assertThat(CYCLE.glycerolCoversReturn(glycerolFillAt, returnOn, ZONE)).isEqualTo(covered);
    }

    @ParameterizedTest(name = "[{index}] glycerol at {0}: the latest return covered is {1}")
    @CsvSource({
            "2026-03-30T04:00:00Z, 2026-05-22",
            "2026-03-30T03:59:59Z, 2026-05-21",
            "2026-03-30T14:00:00Z, 2026-05-22",
            "2026-09-09T05:00:00Z, 2026-11-01",
    })
    void theLatestReturnCoveredIsTheLastDayThatPassesTheRule(Instant glycerolFillAt, LocalDate latest) {
        assertThat(CYCLE.latestReturnCovered(glycerolFillAt, ZONE)).isEqualTo(latest);
        assertThat(CYCLE.glycerolCoversReturn(glycerolFillAt, latest, ZONE)).isTrue();
        assertThat(CYCLE.glycerolCoversReturn(glycerolFillAt, latest.plusDays(1), ZONE)).isFalse();
    }

    @Test
    void aHoldReturningOnTheLatestDayCoveredIsPlannedAndOneDayLaterIsRefused() {
        // chemotherapy at 00:00 EST on 03-02: the refill due 03-30T05:00Z is the last before 04-12; the
        // one after its glycerol is due 05-25T05:00Z, and 05-22 ends 05-23T04:00Z, 49 hours before
        PumpCycle pump = pump().filled(Drug.CHEMOTHERAPY, Instant.parse("2026-03-02T05:00:00Z")).build();
        assertThat(CYCLE.schedule(pump, 2).get(1).dueAt()).isEqualTo(Instant.parse("2026-03-30T05:00:00Z"));
        LocalDate departOn = LocalDate.of(2026, 4, 12);

        PlannedGlycerolFill planned = allowed(CYCLE.planHold(pump, new GlycerolHold(departOn, LocalDate.of(2026, 5, 22)),
                TODAY));
        Refusal refusal = refused(CYCLE.planHold(pump, new GlycerolHold(departOn, LocalDate.of(2026, 5, 23)), TODAY));

        assertThat(planned.refillDueAt()).isEqualTo(Instant.parse("2026-03-30T05:00:00Z"));
        assertThat(refusal.code()).isEqualTo("hold-not-covered");
        assertThat(refusal.details())
                .containsEntry("field", "returnOn")
                .containsEntry("glycerolRefillDueAt", "2026-03-30T05:00:00Z")
                .containsEntry("refillAfterGlycerolDueAt", "2026-05-25T05:00:00Z")
                .containsEntry("latestReturnOn", "2026-05-22");
    }

    @Test
    void aMarginOfZeroCoversAReturnDayEndingAsTheRefillFallsDue() {
        CyclePolicy noMargin = new CyclePolicy(CycleFixtures.POLICY.refillInterval(),
                CycleFixtures.POLICY.glycerolInterval(), CycleFixtures.POLICY.reserve(), CycleFixtures.POLICY.earlyWindow(),
                CycleFixtures.POLICY.flowTolerancePercent(), CycleFixtures.POLICY.urgentHorizon(),
                CycleFixtures.POLICY.missedAfter(), java.time.Duration.ZERO);
        RefillCycle rules = new RefillCycle(noMargin);

        // due 05-25T04:00Z: the return day 05-24 ends exactly then
        assertThat(rules.glycerolCoversReturn(Instant.parse("2026-03-30T04:00:00Z"), LocalDate.of(2026, 5, 24), ZONE))
                .isTrue();
        assertThat(rules.glycerolCoversReturn(Instant.parse("2026-03-30T04:00:00Z"), LocalDate.of(2026, 5, 25), ZONE))
                .isFalse();
    }
}
