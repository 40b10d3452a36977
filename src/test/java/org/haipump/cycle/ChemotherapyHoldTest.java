package org.haipump.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.haipump.cycle.CycleFixtures.CYCLE;
import static org.haipump.cycle.CycleFixtures.FULL_ML;
import static org.haipump.cycle.CycleFixtures.NOW;
import static org.haipump.cycle.CycleFixtures.TODAY;
import static org.haipump.cycle.CycleFixtures.ZONE;
import static org.haipump.cycle.CycleFixtures.allowed;
import static org.haipump.cycle.CycleFixtures.days;
import static org.haipump.cycle.CycleFixtures.proposedFill;
import static org.haipump.cycle.CycleFixtures.pump;
import static org.haipump.cycle.CycleFixtures.refused;

import java.time.Instant;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A chemotherapy hold (liver tests rose) turns chemotherapy into heparin on every local day from its
 * start until the day it ends, and asks for a review from the start of its review day.
 */
class ChemotherapyHoldTest {

    /** Heparin 14 days before {@link CycleFixtures#NOW}: chemotherapy is due now. */
    private static final Instant HEPARIN_AT = NOW.minus(days(14));
    private static final LocalDate MARCH_4 = LocalDate.of(2026, 3, 4);
    private static final LocalDate MARCH_6 = LocalDate.of(2026, 3, 6);

    private static PumpCycle chemotherapyDue() {
        return pump().filled(Drug.HEPARIN, HEPARIN_AT).build();
    }

    @ParameterizedTest(name = "[{index}] held 03-04 until 03-06: a fill at {0} ({1} in New York) expects {2}")
    @CsvSource({
            "2026-03-04T04:59:59Z, 03-03 23:59:59, CHEMOTHERAPY", // the day before the hold starts
            "2026-03-04T05:00:00Z, 03-04 00:00:00, HEPARIN",      // its first day
            "2026-03-06T04:59:59Z, 03-05 23:59:59, HEPARIN",      // its last day
            "2026-03-06T05:00:00Z, 03-06 00:00:00, CHEMOTHERAPY", // the day it ended
    })
    void chemotherapyIsHeldOnTheLocalDaysOfTheHold(Instant performedAt, String local, Drug expected) {
        PumpCycle held = pump().filled(Drug.HEPARIN, HEPARIN_AT).chemotherapyHeld(MARCH_4, MARCH_6).build();

        AcceptedFill accepted = allowed(CYCLE.assessFill(held, proposedFill(performedAt, expected), performedAt));

        assertThat(accepted.expectedDrug()).isEqualTo(expected);
        assertThat(accepted.deviation()).isFalse();
    }

    @Test
    void aHoldNotEndedHoldsChemotherapyFromItsFirstDayOn() {
        PumpCycle held = pump().filled(Drug.HEPARIN, HEPARIN_AT).chemotherapyHold(TODAY, TODAY.plusDays(14)).build();

        assertThat(CYCLE.expectedDrug(held, NOW)).isEqualTo(Drug.HEPARIN);
        assertThat(CYCLE.expectedDrug(held, NOW.plus(days(300)))).isEqualTo(Drug.HEPARIN);
        assertThat(CYCLE.expectedDrug(chemotherapyDue(), NOW)).isEqualTo(Drug.CHEMOTHERAPY);
    }

    @Test
    void aHeparinFillWhileChemotherapyIsHeldIsNoDeviation() {
        PumpCycle held = pump().filled(Drug.HEPARIN, HEPARIN_AT).chemotherapyHold(TODAY, TODAY.plusDays(14)).build();

        AcceptedFill accepted = allowed(CYCLE.assessFill(held, proposedFill(NOW, Drug.HEPARIN), NOW));

        assertThat(accepted.expectedDrug()).isEqualTo(Drug.HEPARIN);
        assertThat(accepted.deviation()).isFalse();
    }

    @Test
    void aChemotherapyFillWhileChemotherapyIsHeldNeedsADeviationReason() {
        PumpCycle held = pump().filled(Drug.HEPARIN, HEPARIN_AT).chemotherapyHold(TODAY, TODAY.plusDays(14)).build();

        Refusal refusal = refused(CYCLE.assessFill(held, proposedFill(NOW, Drug.CHEMOTHERAPY), NOW));
        AcceptedFill accepted = allowed(CYCLE.assessFill(held,
                new ProposedFill(NOW, Drug.CHEMOTHERAPY, FULL_ML, null, "Oncologist resumed FUDR at the visit"), NOW));

        assertThat(refusal.code()).isEqualTo("deviation-reason-required");
        assertThat(refusal.details()).containsEntry("expectedDrug", "HEPARIN");
        assertThat(accepted.deviation()).isTrue();
        assertThat(accepted.expectedDrug()).isEqualTo(Drug.HEPARIN);
    }

    @Test
    void aPlannedGlycerolHoldStillWinsForTheRefillBeforeItsDeparture() {
        PumpCycle heldAndTravelling = pump().filled(Drug.HEPARIN, HEPARIN_AT)
                .chemotherapyHold(TODAY, TODAY.plusDays(14))
                .hold(TODAY.plusDays(1), TODAY.plusDays(30)).build();

        assertThat(CYCLE.expectedDrug(heldAndTravelling, NOW)).isEqualTo(Drug.GLYCEROL);
        assertThat(CYCLE.nextRefill(heldAndTravelling, NOW).orElseThrow().drug()).isEqualTo(Drug.GLYCEROL);
    }

    @ParameterizedTest(name = "[{index}] chemotherapy due 03-06, a hold starting {0}: the next refill takes {1}")
    @CsvSource({
            "2026-03-02, HEPARIN",      // already started
            "2026-03-06, HEPARIN",      // starts on the due day: the refill on time is held
            "2026-03-07, CHEMOTHERAPY", // starts after it
    })
    void theNextRefillIsHeldWhenTheHoldStartsByItsDueDay(LocalDate startsOn, Drug drug) {
        // heparin 10 days ago: chemotherapy due 2026-03-06T14:00:00Z
        PumpCycle pump = pump().filled(Drug.HEPARIN, NOW.minus(days(10))).chemotherapyHold(startsOn, startsOn).build();

        assertThat(CYCLE.nextRefill(pump, NOW).orElseThrow().drug()).isEqualTo(drug);
    }

    @Test
    void theScheduleHoldsChemotherapyUntilTheHoldEnds() {
        // chemotherapy today; held from 03-10 until 04-20: refills due 03-16, 03-30, 04-13, 04-27, 05-11
        PumpCycle pump = pump().filled(Drug.CHEMOTHERAPY, NOW)
                .chemotherapyHeld(LocalDate.of(2026, 3, 10), LocalDate.of(2026, 4, 20)).build();

        assertThat(CYCLE.schedule(pump, 5)).extracting(ProjectedRefill::drug).containsExactly(
                Drug.HEPARIN, Drug.HEPARIN, Drug.HEPARIN, Drug.CHEMOTHERAPY, Drug.HEPARIN);
    }

    @Test
    void aMaintenancePumpIsNotChangedByAHold() {
        PumpCycle pump = pump().maintenance().filled(Drug.HEPARIN, HEPARIN_AT)
                .chemotherapyHold(TODAY, TODAY.plusDays(14)).build();

        assertThat(CYCLE.schedule(pump, 3)).extracting(ProjectedRefill::drug).containsOnly(Drug.HEPARIN);
    }

    // --- the review ------------------------------------------------------------------------------

    static Stream<Arguments> reviewDayEdges() {
        return ReviewDayEdges.ALL.stream().map(edge -> Arguments.of(edge.name(), edge));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("reviewDayEdges")
    void theReviewFallsDueAtTheStartOfTheReviewDayInThePatientsZone(String name, ReviewDayEdges.Edge edge) {
        ChemotherapyHold hold = ChemotherapyHold.lasting(edge.reviewOn().minusDays(14), edge.reviewOn());

        assertThat(hold.reviewIsDue(edge.at(), edge.zone())).isEqualTo(edge.due());
    }

    @Test
    void anEndedHoldIsNeverDueForReview() {
        ChemotherapyHold ended = new ChemotherapyHold(TODAY, TODAY.plusDays(7), TODAY.plusDays(3));

        assertThat(ended.reviewIsDue(NOW.plus(days(30)), ZONE)).isFalse();
    }

    // --- starting a hold -------------------------------------------------------------------------

    @Test
    void aHoldMayStartTodayOrLater() {
        ChemotherapyHold today = ChemotherapyHold.lasting(TODAY, TODAY.plusDays(14));
        ChemotherapyHold nextWeek = ChemotherapyHold.lasting(TODAY.plusDays(7), TODAY.plusDays(21));

        assertThat(allowed(CYCLE.startChemotherapyHold(chemotherapyDue(), today, TODAY))).isEqualTo(today);
        assertThat(allowed(CYCLE.startChemotherapyHold(chemotherapyDue(), nextWeek, TODAY))).isEqualTo(nextWeek);
    }

    @Test
    void aHoldStartingInThePastIsRefused() {
        Refusal refusal = refused(CYCLE.startChemotherapyHold(chemotherapyDue(),
                ChemotherapyHold.lasting(TODAY.minusDays(1), TODAY.plusDays(14)), TODAY));

        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.RULE_VIOLATION);
        assertThat(refusal.code()).isEqualTo("hold-in-past");
        assertThat(refusal.details()).containsEntry("field", "startsOn");
    }

    @ParameterizedTest(name = "[{index}] starting in {0} days, reviewed in {1}: refused on {2}")
    @CsvSource({"366, 366, startsOn", "10, 366, reviewOn"})
    void aHoldOrItsReviewMoreThanAYearAheadIsRefused(int startsIn, int reviewedIn, String field) {
        Refusal refusal = refused(CYCLE.startChemotherapyHold(chemotherapyDue(),
                ChemotherapyHold.lasting(TODAY.plusDays(startsIn), TODAY.plusDays(reviewedIn)), TODAY));

        assertThat(refusal.code()).isEqualTo("hold-too-far-ahead");
        assertThat(refusal.details()).containsEntry("field", field);
    }

    @Test
    void aReviewExactlyAYearAheadIsAllowed() {
        allowed(CYCLE.startChemotherapyHold(chemotherapyDue(), ChemotherapyHold.lasting(TODAY, TODAY.plusDays(365)),
                TODAY));
    }

    @Test
    void aSecondHoldWhileOneLastsIsAConflict() {
        PumpCycle held = pump().filled(Drug.HEPARIN, HEPARIN_AT).chemotherapyHold(TODAY, TODAY.plusDays(14)).build();

        Refusal refusal = refused(CYCLE.startChemotherapyHold(held,
                ChemotherapyHold.lasting(TODAY.plusDays(3), TODAY.plusDays(14)), TODAY));

        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.CONFLICT);
        assertThat(refusal.code()).isEqualTo("chemotherapy-hold-active");
    }

    @Test
    void aNewHoldMayFollowOneThatEnded() {
        PumpCycle wasHeld = pump().filled(Drug.HEPARIN, HEPARIN_AT)
                .chemotherapyHeld(TODAY.minusDays(20), TODAY.minusDays(2)).build();

        allowed(CYCLE.startChemotherapyHold(wasHeld, ChemotherapyHold.lasting(TODAY, TODAY.plusDays(14)), TODAY));
    }

    @Test
    void aReviewBeforeTheStartIsNoHold() {
        assertThatIllegalArgumentException().isThrownBy(() -> ChemotherapyHold.lasting(TODAY, TODAY.minusDays(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> new ChemotherapyHold(TODAY, TODAY, TODAY.minusDays(1)));
    }

    // --- ending a hold ---------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] a hold from {0} ends on {1}: {2}")
    @CsvSource({
            "2026-02-20, 2026-02-19, hold-end-before-start",
            "2026-02-20, 2026-02-20, ",                      // the day it started: it never took effect
            "2026-02-20, 2026-03-02, ",                      // today
            "2026-02-20, 2026-03-03, hold-end-in-future",
            "2026-03-09, 2026-03-09, ",                      // not started yet: on its first day
            "2026-03-09, 2026-03-10, hold-end-in-future",
    })
    void aHoldEndsNotBeforeItStartedNorAfterToday(LocalDate startsOn, LocalDate endsOn, String refusedAs) {
        ChemotherapyHold hold = ChemotherapyHold.lasting(startsOn, startsOn.plusDays(14));

        Decision<ChemotherapyHold> decision = CYCLE.endChemotherapyHold(hold, endsOn, TODAY);

        if (refusedAs == null) {
            assertThat(allowed(decision)).isEqualTo(new ChemotherapyHold(startsOn, startsOn.plusDays(14), endsOn));
        } else {
            Refusal refusal = refused(decision);
            assertThat(refusal.kind()).isEqualTo(Refusal.Kind.RULE_VIOLATION);
            assertThat(refusal.code()).isEqualTo(refusedAs);
            assertThat(refusal.details()).containsEntry("field", "endsOn");
        }
    }

    @Test
    void aHoldEndsTodayUnlessItHasNotStarted() {
        assertThat(RefillCycle.defaultEnd(ChemotherapyHold.lasting(TODAY.minusDays(5), TODAY), TODAY)).isEqualTo(TODAY);
        assertThat(RefillCycle.defaultEnd(ChemotherapyHold.lasting(TODAY.plusDays(5), TODAY.plusDays(9)), TODAY))
                .isEqualTo(TODAY.plusDays(5));
    }

    @Test
    void anEndedHoldCannotEndAgain() {
        Refusal refusal = refused(CYCLE.endChemotherapyHold(new ChemotherapyHold(TODAY.minusDays(5), TODAY, TODAY),
                TODAY, TODAY));

        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.CONFLICT);
        assertThat(refusal.code()).isEqualTo("chemotherapy-hold-ended");
    }

    @Test
    void chemotherapyResumesOnTheDayTheHoldEnds() {
        PumpCycle ended = pump().filled(Drug.HEPARIN, HEPARIN_AT).chemotherapyHeld(TODAY.minusDays(10), TODAY).build();

        assertThat(CYCLE.expectedDrug(ended, NOW)).isEqualTo(Drug.CHEMOTHERAPY);
    }
}
