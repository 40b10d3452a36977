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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Measured flow = (previous volume - residual) / elapsed fractional days; a deviation from the
 * nominal rate of more than 15 % is a fast or a slow pump. A residual at or above the previous
 * volume is a pump that did not flow; a residual of 0 a pump found empty, whose rate is only a lower
 * bound.
 */
class FlowMeasurementTest {

    private static final Instant PREVIOUS_AT = Instant.parse("2026-02-10T14:00:00Z");

    @ParameterizedTest(name = "[{index}] {0} mL, {1} mL left after {2}, nominal {3}: {4} mL/day, {5} %, {6}")
    @CsvSource({
            // previous, residual, elapsed, nominal -> rate, deviation %, finding
            "30, 16.0,  P14D,    1.0, 1.0,   0.0,   IN_TOLERANCE", // on specification
            "30, 15.5,  PT348H,  1.0, 1.0,   0.0,   IN_TOLERANCE", // 14.5 days
            "30, 15.75, PT342H,  1.0, 1.0,   0.0,   IN_TOLERANCE", // 14.25 days
            "30, 9.0,   P14D,    1.5, 1.5,   0.0,   IN_TOLERANCE", // the pump's own nominal rate
            "30, 15.5,  P14D,    1.0, 1.036, 3.6,   IN_TOLERANCE", // rounded to 3 and 1 decimals
            "30, 16.8,  P14D,    1.0, 0.943, -5.7,  IN_TOLERANCE",
            "30, 12.0,  P15D,    1.0, 1.2,   20.0,  FAST",         // may run dry early
            "30, 20.0,  PT300H,  1.0, 0.8,   -20.0, SLOW",         // blocked catheter?
            "30, 7.0,   P20D,    1.0, 1.15,  15.0,  IN_TOLERANCE", // exactly +15 %
            "30, 6.98,  P20D,    1.0, 1.151, 15.1,  FAST",         // just above
            "30, 23.2,  P8D,     1.0, 0.85,  -15.0, IN_TOLERANCE", // exactly -15 %
            "30, 13.02, P20D,    1.0, 0.849, -15.1, SLOW",         // just below
            "30, 29.99, P14D,    1.0, 0.001, -99.9, SLOW",         // just below the previous volume: it flowed
    })
    void measuredRateDeviationAndFinding(double previousMl, double residualMl, Duration elapsed, double nominal,
                                         double rate, double deviationPercent, FlowFinding finding) {
        FillFact previous = new FillFact(PREVIOUS_AT, Drug.CHEMOTHERAPY, previousMl);
        ProposedFill fill = new ProposedFill(PREVIOUS_AT.plus(elapsed), Drug.HEPARIN, FULL_ML, residualMl, null);

        FlowMeasurement measured = FlowMeasurement.of(previous, fill, nominal, POLICY);

        assertThat(measured).isEqualTo(new FlowMeasurement(finding, rate, deviationPercent));
    }

    @ParameterizedTest(name = "[{index}] {0} mL left after 14 days: {1} % against a 25 % tolerance, {2}")
    @CsvSource({
            "12.5, 25.0,  IN_TOLERANCE", // 1.25 mL/day: exactly representable, exactly at the tolerance
            "19.5, -25.0, IN_TOLERANCE", // 0.75 mL/day
            "12.4, 25.7,  FAST",
            "19.6, -25.7, SLOW",
    })
    void aDeviationExactlyAtTheToleranceIsInTolerance(double residualMl, double deviationPercent, FlowFinding finding) {
        CyclePolicy tolerant = new CyclePolicy(days(14), days(56), days(2), days(3), 25.0,
                Duration.ofHours(24), Duration.ofHours(2), days(2));
        FillFact previous = new FillFact(PREVIOUS_AT, Drug.CHEMOTHERAPY, FULL_ML);
        ProposedFill fill = new ProposedFill(PREVIOUS_AT.plus(days(14)), Drug.HEPARIN, FULL_ML, residualMl, null);

        FlowMeasurement measured = FlowMeasurement.of(previous, fill, NOMINAL_ML_PER_DAY, tolerant);

        assertThat(measured.deviationPercent()).isEqualTo(deviationPercent);
        assertThat(measured.finding()).isEqualTo(finding);
    }

    /**
     * A rate exactly 15 % off nominal reads as 15.0 % and is never fast or slow, although the
     * arithmetic gives, for instance, 15.000000000000014 % for 16.1 mL used in 14 days at 1 mL/day.
     */
    @ParameterizedTest(name = "[{index}] {1} mL left after {2}: exactly {3} %, in tolerance")
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
        assertThat(measured.finding()).isEqualTo(FlowFinding.IN_TOLERANCE);
    }

    // --- the pump that did not flow, the pump found empty ------------------------------------------

    @ParameterizedTest(name = "[{index}] {1} mL left of the {0} mL of a {2} fill {3} before: {4}")
    @CsvSource({
            // previous, residual, previous drug, elapsed -> finding, rate, deviation
            "20, 20.0,  CHEMOTHERAPY, P14D,    NO_FLOW,      0.0,   -100.0", // all of it still there
            "20, 19.99, CHEMOTHERAPY, P14D,    SLOW,         0.001, -99.9",  // just below: it flowed
            "20, 25.0,  CHEMOTHERAPY, P14D,    NO_FLOW,      0.0,   -100.0", // more than put in (up to the reservoir)
            "20, 30.0,  CHEMOTHERAPY, P14D,    NO_FLOW,      0.0,   -100.0", // the whole reservoir
            "30, 30.0,  GLYCEROL,     P56D,    NO_FLOW,      0.0,   -100.0", // glycerol slows a pump, it does not stop it
            "30, 30.0,  HEPARIN,      P1D,     NO_FLOW,      0.0,   -100.0", // a day is enough to judge
            "30, 30.0,  HEPARIN,      PT23H,   NOT_MEASURED, ,      ",       // below a day nothing is judged
            "30, 0.0,   CHEMOTHERAPY, P12D,    FOUND_EMPTY,  2.5,   150.0",  // it ran at least 2.5 mL/day
            "30, 0.0,   CHEMOTHERAPY, P60D,    FOUND_EMPTY,  0.5,   -50.0",  // at least 0.5: says nothing more
            "30, 0.01,  CHEMOTHERAPY, P30D,    IN_TOLERANCE, 1.0,   0.0",    // just above empty: an exact rate
            "30, 0.0,   GLYCEROL,     P56D,    FOUND_EMPTY,  ,      ",       // empty, its rate unknown
            "30, 0.0,   HEPARIN,      PT23H,   FOUND_EMPTY,  ,      ",       // empty within a day: still empty
    })
    void aPumpThatDidNotFlowOrWasFoundEmpty(double previousMl, double residualMl, Drug previousDrug, Duration elapsed,
                                           FlowFinding finding, Double rate, Double deviationPercent) {
        FillFact previous = new FillFact(PREVIOUS_AT, previousDrug, previousMl);
        ProposedFill fill = new ProposedFill(PREVIOUS_AT.plus(elapsed), Drug.HEPARIN, FULL_ML, residualMl, null);

        FlowMeasurement measured = FlowMeasurement.of(previous, fill, NOMINAL_ML_PER_DAY, POLICY);

        assertThat(measured).isEqualTo(new FlowMeasurement(finding, rate, deviationPercent));
    }

    @Test
    void aPumpFoundEmptyAtItsFirstRecordedFillIsFoundEmptyWithoutARate() {
        ProposedFill first = new ProposedFill(NOW, Drug.CHEMOTHERAPY, FULL_ML, 0.0, null);

        assertThat(FlowMeasurement.of(null, first, NOMINAL_ML_PER_DAY, POLICY))
                .isEqualTo(new FlowMeasurement(FlowFinding.FOUND_EMPTY, null, null));
    }

    /** What the pump keeps for its predictions: the measured rate, a lower bound, the nominal rate, or what it had. */
    @ParameterizedTest(name = "[{index}] {0} mL/day found {1}: keeps {2} (lower bound {3}), or what it had: {4}")
    @CsvSource({
            "1.0,   IN_TOLERANCE, 1.0,  false, false",
            "1.2,   FAST,         1.2,  false, false",
            "0.8,   SLOW,         0.8,  false, false",
            "2.5,   FOUND_EMPTY,  2.5,  true,  false",
            "0.0,   NO_FLOW,      ,     false, false", // null: back to the nominal rate
            ",      FOUND_EMPTY,  ,     false, true",  // empty without a rate: keeps what it had
            ",      NOT_MEASURED, ,     false, true",
    })
    void whatThePumpKeepsForItsPredictions(Double rate, FlowFinding finding, Double keptRate, boolean lowerBound,
                                           boolean keepsWhatItHad) {
        FlowMeasurement measured = new FlowMeasurement(finding, rate, rate == null ? null : 0.0);

        assertThat(measured.latestFlow()).isEqualTo(
                keepsWhatItHad ? Optional.empty() : Optional.of(new LatestFlow(keptRate, lowerBound)));
        assertThat(measured.rateIsLowerBound()).isEqualTo(lowerBound);
    }

    // --- nothing to measure --------------------------------------------------------------------------

    @Test
    void theAcceptedFillCarriesTheMeasurement() {
        PumpCycle pump = pump().filled(Drug.CHEMOTHERAPY, PREVIOUS_AT).build();
        ProposedFill fill = new ProposedFill(PREVIOUS_AT.plus(days(15)), Drug.HEPARIN, FULL_ML, 12.0, null);

        AcceptedFill accepted = allowed(CYCLE.assessFill(pump, fill, NOW));

        assertThat(accepted).isEqualTo(new AcceptedFill(Drug.HEPARIN, false,
                new FlowMeasurement(FlowFinding.FAST, 1.2, 20.0), null));
    }

    @Test
    void nothingIsMeasuredAfterAGlycerolFill() {
        FillFact glycerol = new FillFact(PREVIOUS_AT, Drug.GLYCEROL, FULL_ML);
        ProposedFill fill = new ProposedFill(PREVIOUS_AT.plus(days(14)), Drug.CHEMOTHERAPY, FULL_ML, 25.0, null);

        assertThat(FlowMeasurement.of(glycerol, fill, NOMINAL_ML_PER_DAY, POLICY)).isEqualTo(FlowMeasurement.NOT_MEASURED);
        AcceptedFill accepted = allowed(CYCLE.assessFill(pump().filled(glycerol).build(), fill, NOW));
        assertThat(accepted).isEqualTo(new AcceptedFill(Drug.CHEMOTHERAPY, false, FlowMeasurement.NOT_MEASURED, null));
    }

    @Test
    void nothingIsMeasuredWithoutAResidual() {
        FillFact heparin = new FillFact(PREVIOUS_AT, Drug.HEPARIN, FULL_ML);
        ProposedFill fill = new ProposedFill(PREVIOUS_AT.plus(days(14)), Drug.CHEMOTHERAPY, FULL_ML, null, null);

        assertThat(FlowMeasurement.of(heparin, fill, NOMINAL_ML_PER_DAY, POLICY)).isEqualTo(FlowMeasurement.NOT_MEASURED);
        AcceptedFill accepted = allowed(CYCLE.assessFill(pump().filled(heparin).build(), fill, NOW));
        assertThat(accepted).isEqualTo(new AcceptedFill(Drug.CHEMOTHERAPY, false, FlowMeasurement.NOT_MEASURED, null));
    }

    @Test
    void nothingIsMeasuredLessThanADayAfterThePreviousFill() {
        FillFact previous = new FillFact(NOW.minus(Duration.ofHours(23)), Drug.CHEMOTHERAPY, FULL_ML);
        ProposedFill soon = new ProposedFill(NOW, Drug.HEPARIN, FULL_ML, 29.0, null);
        ProposedFill aDayLater = new ProposedFill(NOW.plus(Duration.ofHours(1)), Drug.HEPARIN, FULL_ML, 29.0, null);

        assertThat(FlowMeasurement.of(previous, soon, NOMINAL_ML_PER_DAY, POLICY)).isEqualTo(FlowMeasurement.NOT_MEASURED);
        assertThat(FlowMeasurement.of(previous, aDayLater, NOMINAL_ML_PER_DAY, POLICY))
                .isEqualTo(new FlowMeasurement(FlowFinding.IN_TOLERANCE, 1.0, 0.0));
    }

    @Test
    void nothingIsMeasuredAtTheFirstFill() {
        ProposedFill first = new ProposedFill(NOW, Drug.CHEMOTHERAPY, FULL_ML, 3.0, null);

        assertThat(FlowMeasurement.of(null, first, NOMINAL_ML_PER_DAY, POLICY)).isEqualTo(FlowMeasurement.NOT_MEASURED);
        assertThat(allowed(CYCLE.assessFill(pump().build(), first, NOW)).flow()).isEqualTo(FlowMeasurement.NOT_MEASURED);
    }
}
