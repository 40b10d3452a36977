package org.haipump.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.cycle.CycleFixtures.CYCLE;
import static org.haipump.cycle.CycleFixtures.NOW;
import static org.haipump.cycle.CycleFixtures.pump;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ACTIVE: chemotherapy and heparin alternate, chemotherapy resumes after glycerol. MAINTENANCE: the
 * last rest drug again (heparin if there never was one), never chemotherapy.
 */
class DrugAlternationTest {

    @ParameterizedTest(name = "[{index}] ACTIVE: after {0} (last rest drug {1}) comes {2}")
    @CsvSource({
            "CHEMOTHERAPY,        , HEPARIN",
            "CHEMOTHERAPY, HEPARIN, HEPARIN",
            "CHEMOTHERAPY, GLYCEROL, HEPARIN",
            "HEPARIN,      HEPARIN, CHEMOTHERAPY",
            "GLYCEROL,     GLYCEROL, CHEMOTHERAPY",
    })
    void activeTherapyAlternates(Drug previous, Drug lastRestDrug, Drug expected) {
        assertExpected(TherapyMode.ACTIVE, previous, lastRestDrug, expected);
    }

    @ParameterizedTest(name = "[{index}] MAINTENANCE: after {0} (last rest drug {1}) comes {2}")
    @CsvSource({
            "CHEMOTHERAPY,         , HEPARIN",  // no rest drug yet: heparin
            "CHEMOTHERAPY, HEPARIN , HEPARIN",
            "CHEMOTHERAPY, GLYCEROL, GLYCEROL",
            "HEPARIN,      HEPARIN , HEPARIN",
            "GLYCEROL,     GLYCEROL, GLYCEROL",
            "HEPARIN,      GLYCEROL, GLYCEROL", // the recorded last rest drug wins
    })
    void maintenanceRepeatsTheLastRestDrug(Drug previous, Drug lastRestDrug, Drug expected) {
        assertExpected(TherapyMode.MAINTENANCE, previous, lastRestDrug, expected);
    }

    static Stream<Arguments> everyPreviousAndLastRestDrug() {
        List<Arguments> all = new ArrayList<>();
        for (Drug previous : Drug.values()) {
            all.add(Arguments.of(previous, null));
            for (Drug rest : List.of(Drug.HEPARIN, Drug.GLYCEROL)) {
                all.add(Arguments.of(previous, rest));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "[{index}] MAINTENANCE after {0} (last rest drug {1}) is never chemotherapy")
    @MethodSource("everyPreviousAndLastRestDrug")
    void maintenanceNeverExpectsChemotherapy(Drug previous, Drug lastRestDrug) {
        assertThat(DrugSequence.after(previous, lastRestDrug, TherapyMode.MAINTENANCE))
                .isIn(Drug.HEPARIN, Drug.GLYCEROL);
    }

    @Test
    void anActivePumpAlternatesChemotherapyAndHeparinFromRefillToRefill() {
        PumpCycle afterChemo = pump().filled(Drug.CHEMOTHERAPY, NOW).build();

        assertThat(drugsOfNextRefills(afterChemo, 4))
                .containsExactly(Drug.HEPARIN, Drug.CHEMOTHERAPY, Drug.HEPARIN, Drug.CHEMOTHERAPY);
    }

    @Test
    void chemotherapyResumesAfterAGlycerolFill() {
        PumpCycle afterGlycerol = pump().filled(Drug.GLYCEROL, NOW).build();

        assertThat(drugsOfNextRefills(afterGlycerol, 3))
                .containsExactly(Drug.CHEMOTHERAPY, Drug.HEPARIN, Drug.CHEMOTHERAPY);
    }

    @Test
    void aMaintenancePumpLastFilledWithChemotherapyContinuesWithHeparinOnly() {
        PumpCycle pump = pump().filled(Drug.CHEMOTHERAPY, NOW).maintenance().build();

        assertThat(drugsOfNextRefills(pump, 4)).containsOnly(Drug.HEPARIN).hasSize(4);
    }

    @Test
    void aMaintenancePumpOnGlycerolStaysOnGlycerol() {
        PumpCycle pump = pump().filled(Drug.GLYCEROL, NOW).maintenance().build();

        assertThat(drugsOfNextRefills(pump, 3)).containsOnly(Drug.GLYCEROL).hasSize(3);
    }

    @Test
    void aMaintenancePumpBackFromAHoldExpectsTheRestDrugItHadBeforeIt() {
        PumpCycle backFromTravel = pump().maintenance().lastRestDrug(Drug.HEPARIN).filledWithGlycerolForAHold(NOW).build();

        assertThat(CYCLE.expectedDrug(backFromTravel)).isEqualTo(Drug.HEPARIN);
        assertThat(drugsOfNextRefills(backFromTravel, 3)).containsOnly(Drug.HEPARIN);
    }

    @Test
    void aMaintenancePumpWithoutARestDrugBeforeTheHoldGetsHeparinAfterIt() {
        PumpCycle backFromTravel = pump().maintenance().filledWithGlycerolForAHold(NOW).build();

        assertThat(CYCLE.expectedDrug(backFromTravel)).isEqualTo(Drug.HEPARIN);
    }

    private static void assertExpected(TherapyMode mode, Drug previous, Drug lastRestDrug, Drug expected) {
        assertThat(DrugSequence.after(previous, lastRestDrug, mode)).isEqualTo(expected);

        PumpCycle pump = pump().mode(mode).filled(previous, NOW).lastRestDrug(lastRestDrug).build();
        assertThat(CYCLE.expectedDrug(pump)).isEqualTo(expected);
        assertThat(CYCLE.nextRefill(pump, NOW).orElseThrow().drug()).isEqualTo(expected);
    }

    private static List<Drug> drugsOfNextRefills(PumpCycle pump, int count) {
        return CYCLE.schedule(pump, count).stream().map(ProjectedRefill::drug).toList();
    }
}
