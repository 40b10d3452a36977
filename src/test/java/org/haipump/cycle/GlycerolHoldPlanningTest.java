package org.haipump.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.haipump.cycle.CycleFixtures.CYCLE;
import static org.haipump.cycle.CycleFixtures.NOW;
import static org.haipump.cycle.CycleFixtures.TODAY;
import static org.haipump.cycle.CycleFixtures.allowed;
import static org.haipump.cycle.CycleFixtures.days;
import static org.haipump.cycle.CycleFixtures.pump;
import static org.haipump.cycle.CycleFixtures.refused;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A glycerol hold turns the last refill due on or before the departure day into a glycerol fill,
 * which must last (56 days) until the return day and then some (the return margin, see
 * {@link GlycerolReturnMarginTest}).
 */
class GlycerolHoldPlanningTest {

    /**
     * Chemotherapy today, {@link CycleFixtures#NOW}: refills are due (14:00Z) on 03-16 HEPARIN,
     * 03-30 CHEMOTHERAPY, 04-13 HEPARIN, 04-27 CHEMOTHERAPY, ...
     */
    private static final PumpCycle CHEMO_TODAY = pump().filled(Drug.CHEMOTHERAPY, NOW).build();
    /** The same pump, its patient away 2026-04-01..05-20: the refill due 03-30 is glycerol, lasting until 05-25. */
    private static final PumpCycle AWAY_APRIL_TO_MAY = pump().filled(Drug.CHEMOTHERAPY, NOW)
            .hold(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 5, 20)).build();

    private static GlycerolHold hold(String departOn, String returnOn) {
        return new GlycerolHold(LocalDate.parse(departOn), LocalDate.parse(returnOn));
    }

    @ParameterizedTest(name = "[{index}] departing {0}: the refill due {1} becomes glycerol, lasting until {2}")
    @CsvSource({
            "2026-03-16, 2026-03-16T14:00:00Z, 2026-05-11", // departure on a due day takes that refill
            "2026-03-29, 2026-03-16T14:00:00Z, 2026-05-11", // the day before the next due
            "2026-03-30, 2026-03-30T14:00:00Z, 2026-05-25",
            "2026-04-12, 2026-03-30T14:00:00Z, 2026-05-25",
            "2026-04-13, 2026-04-13T14:00:00Z, 2026-06-08",
    })
    void theLastRefillDueOnOrBeforeDepartureBecomesGlycerol(LocalDate departOn, Instant refillDueAt, LocalDate coversUntil) {
        GlycerolHold oneWeekAway = new GlycerolHold(departOn, departOn.plusDays(7));

        PlannedGlycerolFill planned = allowed(CYCLE.planHold(CHEMO_TODAY, oneWeekAway, TODAY));

        assertThat(planned).isEqualTo(new PlannedGlycerolFill(refillDueAt, coversUntil));
    }

    @Test
    void thePlannedHoldTurnsTheNextRefillIntoGlycerol() {
        PumpCycle withHold = pump().filled(Drug.CHEMOTHERAPY, NOW).hold(LocalDate.of(2026, 3, 20), LocalDate.of(2026, 4, 10)).build();

        assertThat(CYCLE.expectedDrug(CHEMO_TODAY)).isEqualTo(Drug.HEPARIN);
        assertThat(CYCLE.expectedDrug(withHold)).isEqualTo(Drug.GLYCEROL);
        NextRefill next = CYCLE.nextRefill(withHold, NOW).orElseThrow();
        assertThat(next.drug()).isEqualTo(Drug.GLYCEROL);
        assertThat(next.dueAt()).isEqualTo(Instant.parse("2026-03-16T14:00:00Z"));
    }

    @Test
    void aHoldDoesNotChangeRefillsBeforeTheLastOneBeforeDeparture() {
        assertThat(CYCLE.expectedDrug(AWAY_APRIL_TO_MAY)).isEqualTo(Drug.HEPARIN);
    }

    @Test
    void anAbsenceOfFiftySixDaysIsNotCoveredOnceTheReturnMarginCounts() {
        // the glycerol fill on the departure day lasts 56 days, but the return day must end 2 days before
        GlycerolHold fiftySixDays = hold("2026-03-30", "2026-05-25");
        assertThat(fiftySixDays.absenceDays()).isEqualTo(56);

        Refusal refusal = refused(CYCLE.planHold(CHEMO_TODAY, fiftySixDays, TODAY));

        assertThat(refusal.code()).isEqualTo("hold-not-covered");
        assertThat(refusal.details()).containsEntry("glycerolRefillDueAt", "2026-03-30T14:00:00Z")
                .containsEntry("latestReturnOn", "2026-05-22");
    }

    @Test
    void anAbsenceLongerThanFiftySixDaysIsRefused() {
        GlycerolHold fiftySevenDays = hold("2026-03-30", "2026-05-26");

        Refusal refusal = refused(CYCLE.planHold(CHEMO_TODAY, fiftySevenDays, TODAY));

        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.RULE_VIOLATION);
        assertThat(refusal.code()).isEqualTo("absence-too-long");
        assertThat(refusal.details()).containsEntry("field", "returnOn");
    }

    @Test
    void aGlycerolFillThatEndsBeforeTheReturnIsRefused() {
        // the refill before departing 04-12 is due 03-30; its glycerol lasts until 05-25, a day short
        GlycerolHold returningMay26 = hold("2026-04-12", "2026-05-26");
        assertThat(returningMay26.absenceDays()).isEqualTo(44);

        Refusal refusal = refused(CYCLE.planHold(CHEMO_TODAY, returningMay26, TODAY));

        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.RULE_VIOLATION);
        assertThat(refusal.code()).isEqualTo("hold-not-covered");
        assertThat(refusal.details())
                .containsEntry("field", "returnOn")
                .containsEntry("glycerolRefillDueAt", "2026-03-30T14:00:00Z");
    }

    @Test
    void returningOnTheDayTheGlycerolFillEndsIsNotCovered() {
        // due again 05-25T14:00Z: the return day must end by 05-23T14:00Z, so 05-22 is the latest
        Refusal refusal = refused(CYCLE.planHold(CHEMO_TODAY, hold("2026-04-12", "2026-05-25"), TODAY));
        PlannedGlycerolFill planned = allowed(CYCLE.planHold(CHEMO_TODAY, hold("2026-04-12", "2026-05-22"), TODAY));

        assertThat(refusal.code()).isEqualTo("hold-not-covered");
        assertThat(planned.coversUntil()).isEqualTo(LocalDate.of(2026, 5, 25));
    }

    @ParameterizedTest(name = "[{index}] departing {0}, before the next refill due 2026-03-16, is refused")
    @CsvSource({"2026-03-02", "2026-03-10", "2026-03-15"})
    void aDepartureBeforeTheNextDueIsRefused(LocalDate departOn) {
        Refusal refusal = refused(CYCLE.planHold(CHEMO_TODAY, new GlycerolHold(departOn, departOn.plusDays(10)), TODAY));

        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.RULE_VIOLATION);
        assertThat(refusal.code()).isEqualTo("no-refill-before-departure");
        assertThat(refusal.details()).containsEntry("field", "departOn");
    }

    @Test
    void aHoldDepartingInThePastIsRefused() {
        Refusal refusal = refused(CYCLE.planHold(CHEMO_TODAY, new GlycerolHold(TODAY.minusDays(1), TODAY.plusDays(20)), TODAY));

        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.RULE_VIOLATION);
        assertThat(refusal.code()).isEqualTo("hold-in-past");
        assertThat(refusal.details()).containsEntry("field", "departOn");
    }

    @Test
    void aHoldMoreThanAYearAheadIsRefused() {
        Refusal refusal = refused(CYCLE.planHold(CHEMO_TODAY,
                new GlycerolHold(TODAY.plusDays(366), TODAY.plusDays(380)), TODAY));

        assertThat(refusal.code()).isEqualTo("hold-too-far-ahead");
        assertThat(refusal.details()).containsEntry("field", "departOn");
    }

    @Test
    void aHoldDepartingTodayIsPlannedOnTheRefillDueToday() {
        PumpCycle dueToday = pump().filled(Drug.HEPARIN, NOW.minus(days(14))).build();

        PlannedGlycerolFill planned = allowed(CYCLE.planHold(dueToday, new GlycerolHold(TODAY, TODAY.plusDays(30)), TODAY));

        assertThat(planned.refillDueAt()).isEqualTo(NOW);
        assertThat(planned.coversUntil()).isEqualTo(TODAY.plusDays(56));
    }

    @ParameterizedTest(name = "[{index}] a hold {0}..{1} overlaps the planned 2026-04-01..2026-05-20")
    @CsvSource({
            "2026-03-20, 2026-04-01", // returns the day the planned hold departs
            "2026-05-20, 2026-06-10", // departs the day the planned hold returns
            "2026-04-05, 2026-04-10", // inside
            "2026-03-25, 2026-05-15", // around its start
    })
    void overlappingHoldsAreRefusedAsAConflict(LocalDate departOn, LocalDate returnOn) {
        Refusal refusal = refused(CYCLE.planHold(AWAY_APRIL_TO_MAY, new GlycerolHold(departOn, returnOn), TODAY));

        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.CONFLICT);
        assertThat(refusal.code()).isEqualTo("hold-overlaps");
    }

    @Test
    void aLaterHoldIsPlannedOnTheScheduleThatHonoursTheEarlierOne() {
        // after the glycerol of 03-30: 05-25 CHEMOTHERAPY, 06-08 HEPARIN, 06-22 CHEMOTHERAPY, 07-06 ...
        PlannedGlycerolFill planned = allowed(CYCLE.planHold(AWAY_APRIL_TO_MAY, hold("2026-07-01", "2026-07-20"), TODAY));

        assertThat(planned).isEqualTo(new PlannedGlycerolFill(Instant.parse("2026-06-22T14:00:00Z"), LocalDate.of(2026, 8, 17)));
    }

    @Test
    void aPumpNeverFilledPlansFromItsImplantFill() {
        // implanted 2026-01-05: refills projected every 14 days from midnight EST, 05:00Z
        PlannedGlycerolFill planned = allowed(CYCLE.planHold(pump().build(), hold("2026-04-01", "2026-05-01"), TODAY));

        assertThat(planned.refillDueAt()).isEqualTo(Instant.parse("2026-03-30T05:00:00Z"));
    }

    @Test
    void aHoldMustReturnAfterItDeparts() {
        LocalDate day = LocalDate.of(2026, 4, 1);

        assertThatIllegalArgumentException().isThrownBy(() -> new GlycerolHold(day, day));
        assertThatIllegalArgumentException().isThrownBy(() -> new GlycerolHold(day, day.minusDays(1)));
    }
}
