package org.haipump.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.cycle.CycleFixtures.CYCLE;
import static org.haipump.cycle.CycleFixtures.NOW;
import static org.haipump.cycle.CycleFixtures.pump;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The projected schedule: the next refills as if each happened on its due time. */
class ScheduleProjectionTest {

    private static ProjectedRefill refill(String dueAt, String reserveEndsAt, Drug drug) {
        return new ProjectedRefill(Instant.parse(dueAt), Instant.parse(reserveEndsAt), drug, DeadlineBasis.INTERVAL);
    }

    @Test
    void anActivePumpAlternatesEveryFourteenDays() {
        PumpCycle pump = pump().filled(Drug.CHEMOTHERAPY, NOW).build();

        assertThat(CYCLE.schedule(pump, 3)).containsExactly(
                refill("2026-03-16T14:00:00Z", "2026-03-18T14:00:00Z", Drug.HEPARIN),
                refill("2026-03-30T14:00:00Z", "2026-04-01T14:00:00Z", Drug.CHEMOTHERAPY),
                refill("2026-04-13T14:00:00Z", "2026-04-15T14:00:00Z", Drug.HEPARIN));
    }

    @Test
    void theProjectionHonoursAGlycerolHold() {
        // away 2026-04-01..05-20: the refill due 03-30 becomes glycerol and the next is due 56 days later
        PumpCycle pump = pump().filled(Drug.CHEMOTHERAPY, NOW)
                .hold(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 5, 20)).build();

        assertThat(CYCLE.schedule(pump, 5)).containsExactly(
                refill("2026-03-16T14:00:00Z", "2026-03-18T14:00:00Z", Drug.HEPARIN),
                refill("2026-03-30T14:00:00Z", "2026-04-01T14:00:00Z", Drug.GLYCEROL),
                refill("2026-05-25T14:00:00Z", "2026-05-27T14:00:00Z", Drug.CHEMOTHERAPY),
                refill("2026-06-08T14:00:00Z", "2026-06-10T14:00:00Z", Drug.HEPARIN),
                refill("2026-06-22T14:00:00Z", "2026-06-24T14:00:00Z", Drug.CHEMOTHERAPY));
    }

    @Test
    void aMaintenancePumpOnGlycerolIsRefilledEveryFiftySixDays() {
        PumpCycle pump = pump().maintenance().filled(Drug.GLYCEROL, NOW).build();

        assertThat(CYCLE.schedule(pump, 3)).containsExactly(
                refill("2026-04-27T14:00:00Z", "2026-04-29T14:00:00Z", Drug.GLYCEROL),
                refill("2026-06-22T14:00:00Z", "2026-06-24T14:00:00Z", Drug.GLYCEROL),
                refill("2026-08-17T14:00:00Z", "2026-08-19T14:00:00Z", Drug.GLYCEROL));
    }

    @Test
    void aMaintenancePumpGoesBackToHeparinOnceAHoldsGlycerolIsOver() {
        // heparin every 14 days until the hold's glycerol on 03-30; after it, the rest drug before the hold
        PumpCycle pump = pump().maintenance().filled(Drug.HEPARIN, NOW)
                .hold(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 5, 20)).build();

        assertThat(CYCLE.schedule(pump, 4)).containsExactly(
                refill("2026-03-16T14:00:00Z", "2026-03-18T14:00:00Z", Drug.HEPARIN),
                refill("2026-03-30T14:00:00Z", "2026-04-01T14:00:00Z", Drug.GLYCEROL),
                refill("2026-05-25T14:00:00Z", "2026-05-27T14:00:00Z", Drug.HEPARIN),
                refill("2026-06-08T14:00:00Z", "2026-06-10T14:00:00Z", Drug.HEPARIN));
    }

    @Test
    void aMaintenancePumpOnGlycerolBeforeAHoldStaysOnGlycerolAfterIt() {
        PumpCycle pump = pump().maintenance().filled(Drug.GLYCEROL, NOW.minus(java.time.Duration.ofDays(50)))
                .hold(LocalDate.of(2026, 3, 10), LocalDate.of(2026, 4, 20)).build();

        assertThat(CYCLE.schedule(pump, 3)).extracting(ProjectedRefill::drug).containsOnly(Drug.GLYCEROL);
    }

    @Test
    void aPumpNeverFilledIsProjectedFromItsImplantFillAndNothingAfterRemoval() {
        assertThat(CYCLE.schedule(pump().build(), 2)).containsExactly(
                new ProjectedRefill(Instant.parse("2026-01-19T05:00:00Z"), Instant.parse("2026-01-21T05:00:00Z"),
                        Drug.CHEMOTHERAPY, DeadlineBasis.IMPLANT),
                refill("2026-02-02T05:00:00Z", "2026-02-04T05:00:00Z", Drug.HEPARIN));
        assertThat(CYCLE.schedule(pump().filled(Drug.CHEMOTHERAPY, NOW).removed().build(), 4)).isEmpty();
    }

    @Test
    void theProjectionPullsEachRefillInByTheSameRate() {
        // 30 mL at a measured 2.0 mL/day: empty after 15 days, each refill due 13 days after the one before
        PumpCycle pump = pump().filled(Drug.CHEMOTHERAPY, NOW).measuredFlow(2.0).build();

        assertThat(CYCLE.schedule(pump, 2)).containsExactly(
                new ProjectedRefill(Instant.parse("2026-03-15T14:00:00Z"), Instant.parse("2026-03-17T14:00:00Z"),
                        Drug.HEPARIN, DeadlineBasis.FLOW),
                new ProjectedRefill(Instant.parse("2026-03-28T14:00:00Z"), Instant.parse("2026-03-30T14:00:00Z"),
                        Drug.CHEMOTHERAPY, DeadlineBasis.FLOW));
    }

    @Test
    void theProjectionHasExactlyTheRequestedLength() {
        PumpCycle pump = pump().filled(Drug.CHEMOTHERAPY, NOW).build();

        assertThat(CYCLE.schedule(pump, 0)).isEmpty();
        assertThat(CYCLE.schedule(pump, 26)).hasSize(26)
                .last().isEqualTo(refill("2027-03-01T14:00:00Z", "2027-03-03T14:00:00Z", Drug.CHEMOTHERAPY));
    }
}
