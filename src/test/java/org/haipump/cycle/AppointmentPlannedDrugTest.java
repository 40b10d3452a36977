package org.haipump.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.cycle.CycleFixtures.CYCLE;
import static org.haipump.cycle.CycleFixtures.NOW;
import static org.haipump.cycle.CycleFixtures.TODAY;
import static org.haipump.cycle.CycleFixtures.allowed;
import static org.haipump.cycle.CycleFixtures.days;
import static org.haipump.cycle.CycleFixtures.pump;
import static org.haipump.cycle.CycleFixtures.refused;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The drug an appointment plans: the plan's unless one is asked for, and one other than the drug a
 * fill at that time is expected to take needs a reason, as such a fill would.
 */
class AppointmentPlannedDrugTest {

    /** Heparin 14 days ago: chemotherapy is due now. */
    private static final PumpCycle CHEMO_DUE = pump().filled(Drug.HEPARIN, NOW.minus(days(14))).build();
    private static final Instant STARTS_AT = NOW.plus(days(1));

    @Test
    void withoutADrugTheAppointmentPlansTheExpectedOne() {
        assertThat(allowed(CYCLE.assessPlannedDrug(CHEMO_DUE, null, null, STARTS_AT))).isEqualTo(Drug.CHEMOTHERAPY);
    }

    @Test
    void theExpectedDrugNeedsNoReason() {
        assertThat(allowed(CYCLE.assessPlannedDrug(CHEMO_DUE, Drug.CHEMOTHERAPY, null, STARTS_AT)))
                .isEqualTo(Drug.CHEMOTHERAPY);
    }

    @ParameterizedTest(name = "[{index}] reason \"{0}\"")
    @NullSource
    @ValueSource(strings = {"", "  "})
    void anotherDrugWithoutAReasonIsRefused(String reason) {
        Refusal refusal = refused(CYCLE.assessPlannedDrug(CHEMO_DUE, Drug.HEPARIN, reason, STARTS_AT));

        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.RULE_VIOLATION);
        assertThat(refusal.code()).isEqualTo("planned-drug-reason-required");
        assertThat(refusal.details()).containsEntry("field", "reason").containsEntry("expectedDrug", "CHEMOTHERAPY");
    }

    @Test
    void anotherDrugWithAReasonIsPlanned() {
        assertThat(allowed(CYCLE.assessPlannedDrug(CHEMO_DUE, Drug.HEPARIN, "Liver tests pending", STARTS_AT)))
                .isEqualTo(Drug.HEPARIN);
    }

    @Test
    void aChemotherapyHoldMakesHeparinTheExpectedDrug() {
        PumpCycle held = pump().filled(Drug.HEPARIN, NOW.minus(days(14))).chemotherapyHold(TODAY, TODAY).build();

        assertThat(allowed(CYCLE.assessPlannedDrug(held, null, null, STARTS_AT))).isEqualTo(Drug.HEPARIN);
        assertThat(refused(CYCLE.assessPlannedDrug(held, Drug.CHEMOTHERAPY, null, STARTS_AT)).details())
                .containsEntry("expectedDrug", "HEPARIN");
    }

    @Test
    void aPumpNeverFilledPlansAnyDrugWithoutAReason() {
        // like its first fill, which has no expected drug
        assertThat(allowed(CYCLE.assessPlannedDrug(pump().build(), Drug.HEPARIN, null, STARTS_AT)))
                .isEqualTo(Drug.HEPARIN);
        assertThat(allowed(CYCLE.assessPlannedDrug(pump().build(), null, null, STARTS_AT)))
                .isEqualTo(Drug.CHEMOTHERAPY);
    }
}
