package org.haipump.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.cycle.CycleFixtures.CYCLE;
import static org.haipump.cycle.CycleFixtures.FULL_ML;
import static org.haipump.cycle.CycleFixtures.NOMINAL_ML_PER_DAY;
import static org.haipump.cycle.CycleFixtures.NOW;
import static org.haipump.cycle.CycleFixtures.POLICY;
import static org.haipump.cycle.CycleFixtures.allowed;
import static org.haipump.cycle.CycleFixtures.days;
import static org.haipump.cycle.CycleFixtures.pump;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Measured flow = (previous volume - residual) / elapsed fractional days; a deviation from the
 * nominal rate of more than 15 % (fast or slow) raises a flag.
 */
class FlowMeasurementTest {

    private static final Instant PREVIOUS_AT = Instant.parse("2026-02-10T14:00:00Z");

    @ParameterizedTest(name = "[{index}] {0} mL, {1} mL left after {2}, nominal {3}: {4} mL/day, {5} %, flagged {6}")
    @CsvSource({
            // previous, residual, elapsed, nominal -> rate, deviation %, flagged
            "30, 16.0,  P14D,    1.0, 1.0,   0.0,   false", // on specification
            "30, 15.5,  PT348H,  1.0, 1.0,   0.0,   false", // 14.5 days
            "30, 15.75, PT342H,  1.0, 1.0,   0.0,   false", // 14.25 days
            "30, 9.0,   P14D,    1.5, 1.5,   0.0,   false", // the pump's own nominal rate
            "30, 15.5,  P14D,    1.0, 1.036, 3.6,   false", // rounded to 3 and 1 decimals
            "30, 16.8,  P14D,    1.0, 0.943, -5.7,  false",
            "30, 12.0,  P15D,    1.0, 1.2,   20.0,  true",  // fast: may run dry early
            "30, 20.0,  PT300H,  1.0, 0.8,   -20.0, true",  // slow: blocked catheter?
            "30, 7.0,   P20D,    1.0, 1.15,  15.0,  false", // exactly +15 %
            "30, 6.98,  P20D,    1.0, 1.151, 15.1,  true",  // just above
            "30, 23.2,  P8D,     1.0, 0.85,  -15.0, false", // exactly -15 %
            "30, 13.02, P20D,    1.0, 0.849, -15.1, true",  // just below
    })
    void measuredRateAndDeviation(double previousMl, double residualMl, Duration elapsed, double nominal,
                                  double rate, double deviationPercent, boolean flagged) {
        FillFact previous = new FillFact(PREVIOUS_AT, Drug.CHEMOTHERAPY, previousMl);
        ProposedFill fill = new ProposedFill(PREVIOUS_AT.plus(elapsed), Drug.HEPARIN, FULL_ML, residualMl, null);

        FlowMeasurement measured = FlowMeasurement.of(previous, fill, nominal, POLICY);

        assertThat(measured).isEqualTo(new FlowMeasurement(rate, deviationPercent, flagged));
    }

    @ParameterizedTest(name = "[{index}] {0} mL left after 14 days: {1} % against a 25 % tolerance, flagged {2}")
    @CsvSource({
            "12.5, 25.0,  false", // 1.25 mL/day: exactly representable, exactly at the tolerance
            "19.5, -25.0, false", // 0.75 mL/day
            "12.4, 25.7,  true",
            "19.6, -25.7, true",
    })
    void aDeviationExactlyAtTheToleranceIsNotFlagged(double residualMl, double deviationPercent, boolean flagged) {
        CyclePolicy tolerant = new CyclePolicy(days(14), days(56), days(2), days(3), 25.0,
                Duration.ofHours(24), Duration.ofHours(2), days(2));
        FillFact previous = new FillFact(PREVIOUS_AT, Drug.CHEMOTHERAPY, FULL_ML);
        ProposedFill fill = new ProposedFill(PREVIOUS_AT.plus(days(14)), Drug.HEPARIN, FULL_ML, residualMl, null);

        FlowMeasurement measured = FlowMeasurement.of(previous, fill, NOMINAL_ML_PER_DAY, tolerant);

        assertThat(measured.deviationPercent()).isEqualTo(deviationPercent);
        assertThat(measured.outOfTolerance()).isEqualTo(flagged);
    }

    @Test
    void theAcceptedFillCarriesTheMeasurement() {
        PumpCycle pump = pump().filled(Drug.CHEMOTHERAPY, PREVIOUS_AT).build();
        ProposedFill fill = new ProposedFill(PREVIOUS_AT.plus(days(15)), Drug.HEPARIN, FULL_ML, 12.0, null);

        AcceptedFill accepted = allowed(CYCLE.assessFill(pump, fill, NOW));

        assertThat(accepted).isEqualTo(new AcceptedFill(Drug.HEPARIN, false, 1.2, 20.0, true));
    }

    @Test
    void nothingIsMeasuredAfterAGlycerolFill() {
        FillFact glycerol = new FillFact(PREVIOUS_AT, Drug.GLYCEROL, FULL_ML);
        ProposedFill fill = new ProposedFill(PREVIOUS_AT.plus(days(14)), Drug.CHEMOTHERAPY, FULL_ML, 25.0, null);

        assertThat(FlowMeasurement.of(glycerol, fill, NOMINAL_ML_PER_DAY, POLICY)).isNull();
        AcceptedFill accepted = allowed(CYCLE.assessFill(pump().filled(glycerol).build(), fill, NOW));
        assertThat(accepted).isEqualTo(new AcceptedFill(Drug.CHEMOTHERAPY, false, null, null, false));
    }

    @Test
    void nothingIsMeasuredWithoutAResidual() {
        FillFact heparin = new FillFact(PREVIOUS_AT, Drug.HEPARIN, FULL_ML);
        ProposedFill fill = new ProposedFill(PREVIOUS_AT.plus(days(14)), Drug.CHEMOTHERAPY, FULL_ML, null, null);

        assertThat(FlowMeasurement.of(heparin, fill, NOMINAL_ML_PER_DAY, POLICY)).isNull();
        AcceptedFill accepted = allowed(CYCLE.assessFill(pump().filled(heparin).build(), fill, NOW));
        assertThat(accepted).isEqualTo(new AcceptedFill(Drug.CHEMOTHERAPY, false, null, null, false));
    }

    @Test
    void nothingIsMeasuredLessThanADayAfterThePreviousFill() {
        FillFact previous = new FillFact(NOW.minus(Duration.ofHours(23)), Drug.CHEMOTHERAPY, FULL_ML);
        ProposedFill soon = new ProposedFill(NOW, Drug.HEPARIN, FULL_ML, 0.0, null);
        ProposedFill aDayLater = new ProposedFill(NOW.plus(Duration.ofHours(1)), Drug.HEPARIN, FULL_ML, 29.0, null);

        assertThat(FlowMeasurement.of(previous, soon, NOMINAL_ML_PER_DAY, POLICY)).isNull();
        assertThat(FlowMeasurement.of(previous, aDayLater, NOMINAL_ML_PER_DAY, POLICY)).isNotNull();
    }

    @Test
    void nothingIsMeasuredAtTheFirstFill() {
        ProposedFill first = new ProposedFill(NOW, Drug.CHEMOTHERAPY, FULL_ML, 3.0, null);

        assertThat(FlowMeasurement.of(null, first, NOMINAL_ML_PER_DAY, POLICY)).isNull();
        assertThat(allowed(CYCLE.assessFill(pump().build(), first, NOW)).measuredFlowRateMlPerDay()).isNull();
    }

    /**
     * A rate exactly 15 % off nominal reads as 15.0 % and is never flagged, although the arithmetic
     * gives, for instance, 15.000000000000014 % for 16.1 mL used in 14 days at 1 mL/day.
     */

    @ParameterizedTest(name = "[{index}] {1} mL left after {2}: exactly {3} %, not flagged")
    @CsvSource({
            "30, 13.9, P14D, 15.0",   // (30 - 13.9) / 14 = 1.15
            "30, 18.1, P14D, -15.0",  // (30 - 18.1) / 14 = 0.85
            "30, 13.0, P20D, -15.0",  // 17 / 20 = 0.85
            "30, 21.5, P10D, -15.0",  // 8.5 / 10 = 0.85
    })
    void exactlyFifteenPercentIsNeverFlagged(double previousMl, double residualMl, Duration elapsed, double deviationPercent) {
        FillFact previous = new FillFact(PREVIOUS_AT, Drug.CHEMOTHERAPY, previousMl);
        ProposedFill fill = new ProposedFill(PREVIOUS_AT.plus(elapsed), Drug.HEPARIN, FULL_ML, residualMl, null);

        FlowMeasurement measured = FlowMeasurement.of(previous, fill, NOMINAL_ML_PER_DAY, POLICY);

        assertThat(measured.deviationPercent()).isEqualTo(deviationPercent);
        assertThat(measured.outOfTolerance()).isFalse();
    }
}
