package org.haipump.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.cycle.CycleFixtures.CYCLE;
import static org.haipump.cycle.CycleFixtures.NOW;
import static org.haipump.cycle.CycleFixtures.pump;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reservoir should run dry at the last fill + its volume / flow rate: the latest measured rate
 * when known, else the nominal one; unknown after a glycerol fill.
 */
class PredictedEmptyTimeTest {

    private static final Instant FILLED_AT = Instant.parse("2026-02-16T14:00:00Z");

    @ParameterizedTest(name = "[{index}] {0} mL at nominal {1}, measured {2} mL/day: dry after {3}")
    @CsvSource({
            "30, 1.0,     , P30D",   // nominal rate
            "20, 1.0,     , P20D",
            "30, 1.25,    , P24D",   // the pump's own nominal rate
            "30, 1.0, 1.2 , P25D",   // a fast pump: the measured rate wins
            "30, 1.0, 0.9 , PT800H", // 33 1/3 days
            "30, 1.0, 0.0 , P30D",   // a non-positive measurement falls back to nominal
    })
    void predictedEmptyAt(double volumeMl, double nominal, Double measured, Duration untilDry) {
        PumpCycle pump = pump().filled(new FillFact(FILLED_AT, Drug.CHEMOTHERAPY, volumeMl))
                .nominalFlow(nominal).measuredFlow(measured).build();

        NextRefill next = CYCLE.nextRefill(pump, NOW).orElseThrow();

        assertThat(next.predictedEmptyAt()).isEqualTo(FILLED_AT.plus(untilDry));
    }

    @Test
    void unknownAfterAGlycerolFill() {
        PumpCycle pump = pump().filled(Drug.GLYCEROL, FILLED_AT).measuredFlow(1.1).build();

        assertThat(CYCLE.nextRefill(pump, NOW).orElseThrow().predictedEmptyAt()).isNull();
    }
}
