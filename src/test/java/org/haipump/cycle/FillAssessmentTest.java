package org.haipump.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.haipump.cycle.CycleFixtures.CYCLE;
import static org.haipump.cycle.CycleFixtures.FULL_ML;
import static org.haipump.cycle.CycleFixtures.NOW;
import static org.haipump.cycle.CycleFixtures.TODAY;
import static org.haipump.cycle.CycleFixtures.allowed;
import static org.haipump.cycle.CycleFixtures.days;
import static org.haipump.cycle.CycleFixtures.proposedFill;
import static org.haipump.cycle.CycleFixtures.pump;
import static org.haipump.cycle.CycleFixtures.refused;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A fill records what really happened: another drug than the expected one is accepted with a reason
 * (and marked a deviation forever), but a fill must be plausible in time and volume.
 */
class FillAssessmentTest {

    private static final Instant LAST_FILL_AT = NOW.minus(days(14));
    /** Chemotherapy 14 days ago: heparin is expected now. */
    private static final PumpCycle HEPARIN_EXPECTED = pump().filled(Drug.CHEMOTHERAPY, LAST_FILL_AT).build();
    /** Heparin 14 days ago: chemotherapy is expected now. */
    private static final PumpCycle CHEMO_EXPECTED = pump().filled(Drug.HEPARIN, LAST_FILL_AT).build();
    /** Chemotherapy 20 days ago at the nominal rate: due 14 days after it, the reserve ended 4 days ago. */
    private static final Instant FILLED_20_DAYS_AGO = NOW.minus(days(20));
    private static final Instant RESERVE_ENDED_AT = FILLED_20_DAYS_AGO.plus(days(16));

    @ParameterizedTest(name = "[{index}] a first fill of {0} has no expectation")
    @CsvSource({"CHEMOTHERAPY", "HEPARIN", "GLYCEROL"})
    void theFirstFillHasNoExpectedDrugAndIsNoDeviation(Drug drug) {
        AcceptedFill accepted = allowed(CYCLE.assessFill(pump().build(), proposedFill(NOW, drug), NOW));

        assertThat(accepted).isEqualTo(new AcceptedFill(null, false, FlowMeasurement.NOT_MEASURED, null));
    }

    @Test
    void theExpectedDrugIsNoDeviation() {
        AcceptedFill accepted = allowed(CYCLE.assessFill(HEPARIN_EXPECTED, proposedFill(NOW, Drug.HEPARIN), NOW));

        assertThat(accepted.expectedDrug()).isEqualTo(Drug.HEPARIN);
        assertThat(accepted.deviation()).isFalse();
    }

    @ParameterizedTest(name = "[{index}] deviation reason \"{0}\"")
    @NullSource
    @ValueSource(strings = {"", "   "})
    void anotherDrugWithoutAReasonIsRefused(String blankReason) {
        ProposedFill heparinInsteadOfChemo = new ProposedFill(NOW, Drug.HEPARIN, FULL_ML, null, blankReason);

        Refusal refusal = refused(CYCLE.assessFill(CHEMO_EXPECTED, heparinInsteadOfChemo, NOW));

        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.RULE_VIOLATION);
        assertThat(refusal.code()).isEqualTo("deviation-reason-required");
        assertThat(refusal.details())
                .containsEntry("field", "deviationReason")
                .containsEntry("expectedDrug", "CHEMOTHERAPY");
    }

    @Test
    void anotherDrugWithAReasonIsAcceptedAndMarkedADeviationFromTheExpectedDrug() {
        ProposedFill chemoHeld = new ProposedFill(NOW, Drug.HEPARIN, FULL_ML, null, "Bilirubin rising: FUDR held");

        AcceptedFill accepted = allowed(CYCLE.assessFill(CHEMO_EXPECTED, chemoHeld, NOW));

        assertThat(accepted.deviation()).isTrue();
        assertThat(accepted.expectedDrug()).isEqualTo(Drug.CHEMOTHERAPY);
    }

    @Test
    void aReasonGivenForTheExpectedDrugDoesNotMakeItADeviation() {
        ProposedFill asExpected = new ProposedFill(NOW, Drug.CHEMOTHERAPY, FULL_ML, null, "no reason needed");

        AcceptedFill accepted = allowed(CYCLE.assessFill(CHEMO_EXPECTED, asExpected, NOW));

        assertThat(accepted.deviation()).isFalse();
        assertThat(accepted.expectedDrug()).isEqualTo(Drug.CHEMOTHERAPY);
    }

    @ParameterizedTest(name = "[{index}] performed {0} after now: allowed {1}")
    @CsvSource({
            "PT0S,    true",
            "PT4M59S, true",
            "PT5M,    true",  // exactly the clock-skew tolerance
            "PT5M1S,  false",
            "PT1H,    false",
    })
    void aFillMayLieAtMostFiveMinutesInTheFuture(Duration ahead, boolean isAllowed) {
        Decision<AcceptedFill> decision = CYCLE.assessFill(HEPARIN_EXPECTED, proposedFill(NOW.plus(ahead), Drug.HEPARIN), NOW);

        if (isAllowed) {
            assertThat(allowed(decision).expectedDrug()).isEqualTo(Drug.HEPARIN);
        } else {
            Refusal refusal = refused(decision);
            assertThat(refusal.kind()).isEqualTo(Refusal.Kind.RULE_VIOLATION);
            assertThat(refusal.code()).isEqualTo("fill-in-future");
            assertThat(refusal.details()).containsEntry("field", "performedAt");
        }
    }

    @ParameterizedTest(name = "[{index}] performed {0} after the latest fill: allowed {1}")
    @CsvSource({
            "-P1D,  false",
            "-PT1S, false",
            "PT0S,  false", // the same instant again
            "PT1S,  true",
    })
    void aFillMustComeAfterTheLatestFill(Duration afterLatest, boolean isAllowed) {
        Instant latest = NOW.minus(days(1));
        PumpCycle pump = pump().filled(Drug.CHEMOTHERAPY, latest).build();
        ProposedFill fill = new ProposedFill(latest.plus(afterLatest), Drug.HEPARIN, FULL_ML, null, null);

        Decision<AcceptedFill> decision = CYCLE.assessFill(pump, fill, NOW);

        if (isAllowed) {
            assertThat(allowed(decision).expectedDrug()).isEqualTo(Drug.HEPARIN);
        } else {
            Refusal refusal = refused(decision);
            assertThat(refusal.kind()).isEqualTo(Refusal.Kind.CONFLICT);
            assertThat(refusal.code()).isEqualTo("fill-not-after-latest");
            assertThat(refusal.details()).containsEntry("latestFillAt", "2026-03-01T14:00:00Z");
        }
    }

    @Test
    void aFullReservoirIsAllowed() {
        ProposedFill full = new ProposedFill(NOW, Drug.HEPARIN, 30.0, null, null);

        assertThat(allowed(CYCLE.assessFill(HEPARIN_EXPECTED, full, NOW)).deviation()).isFalse();
    }

    @Test
    void aVolumeAboveTheReservoirIsRefused() {
        ProposedFill overfilled = new ProposedFill(NOW, Drug.HEPARIN, 30.5, null, null);

        Refusal refusal = refused(CYCLE.assessFill(HEPARIN_EXPECTED, overfilled, NOW));

        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.RULE_VIOLATION);
        assertThat(refusal.code()).isEqualTo("volume-above-reservoir");
        assertThat(refusal.details()).containsEntry("field", "volumeMl");
    }

    @Test
    void aResidualAboveTheReservoirIsRefused() {
        ProposedFill fill = new ProposedFill(NOW, Drug.HEPARIN, FULL_ML, 31.0, null);

        Refusal refusal = refused(CYCLE.assessFill(pump().build(), fill, NOW));

        assertThat(refusal.code()).isEqualTo("residual-above-reservoir");
        assertThat(refusal.details()).containsEntry("field", "residualVolumeMl");
    }

    /**
     * Up to the reservoir, any residual is what was found and is recorded: at or above what the
     * previous fill put in, the pump did not flow; none at all, it was found empty.
     */
    @ParameterizedTest(name = "[{index}] {0} mL left of the previous 20 mL, in a 30 mL reservoir: {1}")
    @CsvSource({
            "0.0,   FOUND_EMPTY",
            "19.99, SLOW",         // just below the previous volume: it flowed, slowly
            "20.0,  NO_FLOW",      // exactly the previous volume
            "25.0,  NO_FLOW",      // more than the previous fill put in
            "30.0,  NO_FLOW",      // exactly the reservoir
    })
    void aResidualUpToTheReservoirIsAcceptedWithWhatItFound(double residualMl, FlowFinding finding) {
        PumpCycle partlyFilled = pump().filled(new FillFact(LAST_FILL_AT, Drug.CHEMOTHERAPY, 20.0)).build();
        ProposedFill fill = new ProposedFill(NOW, Drug.HEPARIN, FULL_ML, residualMl, null);

        AcceptedFill accepted = allowed(CYCLE.assessFill(partlyFilled, fill, NOW));

        assertThat(accepted.flow().finding()).isEqualTo(finding);
        assertThat(accepted.expectedDrug()).isEqualTo(Drug.HEPARIN);
    }

    @ParameterizedTest(name = "[{index}] {0} mL left, after a previous 20 mL fill")
    @ValueSource(doubles = {30.01, 31.0})
    void aResidualAboveTheReservoirIsRefusedEvenAfterASmallFill(double residualMl) {
        PumpCycle partlyFilled = pump().filled(new FillFact(LAST_FILL_AT, Drug.CHEMOTHERAPY, 20.0)).build();
        ProposedFill fill = new ProposedFill(NOW, Drug.HEPARIN, FULL_ML, residualMl, null);

        Refusal refusal = refused(CYCLE.assessFill(partlyFilled, fill, NOW));

        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.RULE_VIOLATION);
        assertThat(refusal.code()).isEqualTo("residual-above-reservoir");
        assertThat(refusal.details()).containsEntry("field", "residualVolumeMl");
    }

    // --- a fill after the reserve ended --------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] filled {0} after the reserve ended: after the reserve {1}")
    @CsvSource({
            "-P1D,  false",
            "-PT1S, false", // a second before the end of the reserve
            "PT0S,  true",  // at it: the pump may be dry
            "PT1S,  true",
            "P4D,   true",
    })
    void aFillAtOrAfterTheEndOfTheReserveAsksForAPatencyReview(Duration afterReserveEnd, boolean afterReserve) {
        PumpCycle pump = pump().filled(Drug.CHEMOTHERAPY, FILLED_20_DAYS_AGO).build();

        AcceptedFill accepted = allowed(CYCLE.assessFill(pump,
                proposedFill(RESERVE_ENDED_AT.plus(afterReserveEnd), Drug.HEPARIN), NOW));

        assertThat(accepted.filledAfterReserve()).isEqualTo(afterReserve);
        assertThat(accepted.reserveEndedAt()).isEqualTo(afterReserve ? RESERVE_ENDED_AT : null);
    }

    @Test
    void theReserveThatEndsIsTheFlowAwareOne() {
        // 2 mL/day measured: 30 mL last 15 days, so the refill was due after 13 and the reserve ended after 15
        PumpCycle fast = pump().filled(Drug.CHEMOTHERAPY, FILLED_20_DAYS_AGO).measuredFlow(2.0).build();
        Instant reserveEnded = FILLED_20_DAYS_AGO.plus(days(15));

        assertThat(allowed(CYCLE.assessFill(fast, proposedFill(reserveEnded.minusSeconds(1), Drug.HEPARIN), NOW))
                .filledAfterReserve()).isFalse();
        assertThat(allowed(CYCLE.assessFill(fast, proposedFill(reserveEnded, Drug.HEPARIN), NOW)).reserveEndedAt())
                .isEqualTo(reserveEnded);
    }

    @Test
    void aPumpsFirstRecordedFillIsOnboardingAndNeverAfterTheReserve() {
        // implanted on 2026-01-05 and never filled since: its assumed implant fill's reserve ended on 01-21
        PumpCycle neverFilled = pump().build();
        assertThat(CYCLE.deadline(neverFilled).reserveEndsAt()).isBefore(NOW);

        AcceptedFill accepted = allowed(CYCLE.assessFill(neverFilled, proposedFill(NOW, Drug.CHEMOTHERAPY), NOW));

        assertThat(accepted.filledAfterReserve()).isFalse();
        assertThat(accepted.reserveEndedAt()).isNull();
    }

    @ParameterizedTest(name = "[{index}] a first fill at {0}: allowed {1}")
    @CsvSource({
            "2026-01-04T14:00:00Z, false",
            "2026-01-05T04:59:59Z, false", // 23:59:59 on 01-04 in New York
            "2026-01-05T05:00:00Z, true",  // midnight starting the implant day in New York
    })
    void aFillBeforeTheImplantDayIsRefused(Instant performedAt, boolean isAllowed) {
        Decision<AcceptedFill> decision = CYCLE.assessFill(pump().build(), proposedFill(performedAt, Drug.CHEMOTHERAPY), NOW);

        if (isAllowed) {
            assertThat(allowed(decision).expectedDrug()).isNull();
        } else {
            Refusal refusal = refused(decision);
            assertThat(refusal.kind()).isEqualTo(Refusal.Kind.RULE_VIOLATION);
            assertThat(refusal.code()).isEqualTo("fill-before-implant");
        }
    }

    @Test
    void theExpectedDrugHonoursAPlannedGlycerolHold() {
        // heparin would be due today, but the patient leaves tomorrow for three weeks
        PumpCycle leavingTomorrow = pump().filled(Drug.CHEMOTHERAPY, LAST_FILL_AT)
                .hold(TODAY.plusDays(1), TODAY.plusDays(22)).build();

        Refusal refusal = refused(CYCLE.assessFill(leavingTomorrow, proposedFill(NOW, Drug.HEPARIN), NOW));
        AcceptedFill accepted = allowed(CYCLE.assessFill(leavingTomorrow, proposedFill(NOW, Drug.GLYCEROL), NOW));

        assertThat(refusal.details()).containsEntry("expectedDrug", "GLYCEROL");
        assertThat(accepted.expectedDrug()).isEqualTo(Drug.GLYCEROL);
        assertThat(accepted.deviation()).isFalse();
    }

    @Test
    void aHoldWhoseDepartureWentByNoLongerAsksForGlycerol() {
        // the refill was due three days ago, planned as glycerol for a departure yesterday; the
        // patient left without it and is refilled today
        PumpCycle departedYesterday = pump().filled(Drug.CHEMOTHERAPY, NOW.minus(days(17)))
                .hold(TODAY.minusDays(1), TODAY.plusDays(20)).build();
        assertThat(CYCLE.expectedDrug(departedYesterday)).isEqualTo(Drug.GLYCEROL);

        AcceptedFill accepted = allowed(CYCLE.assessFill(departedYesterday, proposedFill(NOW, Drug.HEPARIN), NOW));

        assertThat(accepted.expectedDrug()).isEqualTo(Drug.HEPARIN);
        assertThat(accepted.deviation()).isFalse();
        assertThat(CYCLE.nextRefill(departedYesterday, NOW)).get().extracting(NextRefill::drug).isEqualTo(Drug.HEPARIN);
    }

    @Test
    void aProposedFillHasAPositiveVolumeAndNoNegativeResidual() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ProposedFill(NOW, Drug.HEPARIN, 0, null, null));
        assertThatIllegalArgumentException().isThrownBy(() -> new ProposedFill(NOW, Drug.HEPARIN, 30, -0.01, null));
        assertThat(new ProposedFill(NOW, Drug.HEPARIN, 30, 0.0, null).residualVolumeMl()).isZero();
    }
}