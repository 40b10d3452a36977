package org.haipump.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.cycle.CycleFixtures.CYCLE;
import static org.haipump.cycle.CycleFixtures.FULL_ML;
import static org.haipump.cycle.CycleFixtures.NOW;
import static org.haipump.cycle.CycleFixtures.allowed;
import static org.haipump.cycle.CycleFixtures.pump;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A worked example: four fills CHEMOTHERAPY, HEPARIN, CHEMOTHERAPY, HEPARIN, 14 days apart (two
 * 28-day cycles, eight weeks), each recorded through the rules, then the next four refills projected.
 */
class EightWeekWorkedExampleTest {

    @Test
    void twoTreatmentCyclesAndTheNextFourRefills() {
        CycleFixtures.PumpBuilder pump = pump();

        // week 0: first fill, nothing expected, nothing measured
        AcceptedFill first = record(pump, "2026-01-12T15:00:00Z", Drug.CHEMOTHERAPY, null);
        assertThat(first).isEqualTo(new AcceptedFill(null, false, FlowMeasurement.NOT_MEASURED, null));

        // week 2: 14 mL used in 14 days, on nominal
        AcceptedFill second = record(pump, "2026-01-26T15:00:00Z", Drug.HEPARIN, 16.0);
        assertThat(second).isEqualTo(new AcceptedFill(Drug.HEPARIN, false, inTolerance(1.0, 0.0), null));

        // week 4: 14.5 mL used, a little fast
        AcceptedFill third = record(pump, "2026-02-09T15:00:00Z", Drug.CHEMOTHERAPY, 15.5);
        assertThat(third).isEqualTo(new AcceptedFill(Drug.CHEMOTHERAPY, false, inTolerance(1.036, 3.6), null));

        // week 6: 13.2 mL used, a little slow
        AcceptedFill fourth = record(pump, "2026-02-23T15:00:00Z", Drug.HEPARIN, 16.8);
        assertThat(fourth).isEqualTo(new AcceptedFill(Drug.HEPARIN, false, inTolerance(0.943, -5.7), null));

        PumpCycle afterEightWeeks = pump.build();

        // week 8: chemotherapy is due; the instants stay at 15:00Z although New York moves to EDT on 03-08
        NextRefill next = CYCLE.nextRefill(afterEightWeeks, NOW).orElseThrow();
        assertThat(next).isEqualTo(new NextRefill(
                Instant.parse("2026-03-09T15:00:00Z"), Instant.parse("2026-03-11T15:00:00Z"),
                Drug.CHEMOTHERAPY, RefillStatus.UPCOMING,
                Instant.parse("2026-03-27T10:31:14Z"), // 30 mL at the measured 0.943 mL/day: 31.81 days
                DeadlineBasis.INTERVAL));

        assertThat(CYCLE.schedule(afterEightWeeks, 4)).containsExactly(
                new ProjectedRefill(Instant.parse("2026-03-09T15:00:00Z"), Instant.parse("2026-03-11T15:00:00Z"), Drug.CHEMOTHERAPY, DeadlineBasis.INTERVAL),
                new ProjectedRefill(Instant.parse("2026-03-23T15:00:00Z"), Instant.parse("2026-03-25T15:00:00Z"), Drug.HEPARIN, DeadlineBasis.INTERVAL),
                new ProjectedRefill(Instant.parse("2026-04-06T15:00:00Z"), Instant.parse("2026-04-08T15:00:00Z"), Drug.CHEMOTHERAPY, DeadlineBasis.INTERVAL),
                new ProjectedRefill(Instant.parse("2026-04-20T15:00:00Z"), Instant.parse("2026-04-22T15:00:00Z"), Drug.HEPARIN, DeadlineBasis.INTERVAL));
    }

    /** Has the rules assess a full fill recorded right after it was performed, then applies it to the pump. */
    private static AcceptedFill record(CycleFixtures.PumpBuilder pump, String performedAt, Drug drug, Double residualMl) {
        Instant at = Instant.parse(performedAt);
        AcceptedFill accepted = allowed(CYCLE.assessFill(pump.build(), new ProposedFill(at, drug, FULL_ML, residualMl, null), at));
        pump.filled(new FillFact(at, drug, FULL_ML));
        accepted.flow().latestFlow().ifPresent(pump::keeps);
        return accepted;
    }

    private static FlowMeasurement inTolerance(double rateMlPerDay, double deviationPercent) {
        return new FlowMeasurement(FlowFinding.IN_TOLERANCE, rateMlPerDay, deviationPercent);
    }
}
