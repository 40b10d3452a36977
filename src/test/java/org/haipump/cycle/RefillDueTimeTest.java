package org.haipump.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.cycle.CycleFixtures.CYCLE;
import static org.haipump.cycle.CycleFixtures.NOW;
import static org.haipump.cycle.CycleFixtures.POLICY;
import static org.haipump.cycle.CycleFixtures.pump;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The next refill is due one interval of the last fill's drug after it; the reserve adds two days. */
class RefillDueTimeTest {

    private static final Instant FILLED_AT = Instant.parse("2026-02-16T14:00:00Z");

    @ParameterizedTest(name = "a {0} fill lasts {1}: due {2}, reserve ends {3}")
    @CsvSource({
            "CHEMOTHERAPY, P14D, 2026-03-02T14:00:00Z, 2026-03-04T14:00:00Z",
            "HEPARIN,      P14D, 2026-03-02T14:00:00Z, 2026-03-04T14:00:00Z",
            "GLYCEROL,     P56D, 2026-04-13T14:00:00Z, 2026-04-15T14:00:00Z",
    })
    void dueOneIntervalOfTheLastDrugAfterTheFill(Drug drug, Duration interval, Instant dueAt, Instant reserveEndsAt) {
        assertThat(POLICY.intervalAfter(drug)).isEqualTo(interval);

        NextRefill next = CYCLE.nextRefill(pump().filled(drug, FILLED_AT).build(), NOW).orElseThrow();

        assertThat(next.dueAt()).isEqualTo(dueAt);
        assertThat(next.reserveEndsAt()).isEqualTo(reserveEndsAt);
        assertThat(Duration.between(next.dueAt(), next.reserveEndsAt())).isEqualTo(Duration.ofHours(48));
    }

    @Test
    void aGlycerolFillLastsFiftySixDaysOfElapsedTime() {
        NextRefill next = CYCLE.nextRefill(pump().filled(Drug.GLYCEROL, FILLED_AT).build(), NOW).orElseThrow();

        assertThat(Duration.between(FILLED_AT, next.dueAt())).isEqualTo(Duration.ofHours(56 * 24));
        assertThat(next.drug()).isEqualTo(Drug.CHEMOTHERAPY);
    }

    @Test
    void aPumpNeverFilledCountsFromTheHeparinFillOfItsImplantDay() {
        // implanted 2026-01-05: heparin at midnight EST (05:00Z), 30 mL at 1 mL/day, due 14 days later
        NextRefill next = CYCLE.nextRefill(pump().build(), NOW).orElseThrow();

        assertThat(next).isEqualTo(new NextRefill(Instant.parse("2026-01-19T05:00:00Z"),
                Instant.parse("2026-01-21T05:00:00Z"), Drug.CHEMOTHERAPY, RefillStatus.CRITICAL,
                Instant.parse("2026-02-04T05:00:00Z"), DeadlineBasis.IMPLANT));
        // the first recorded fill has no expectation: any drug, no deviation
        assertThat(CYCLE.expectedDrug(pump().build())).isNull();
    }

    @Test
    void noRefillIsDueAfterThePumpWasRemoved() {
        assertThat(CYCLE.nextRefill(pump().filled(Drug.CHEMOTHERAPY, FILLED_AT).removed().build(), NOW)).isEmpty();
    }
}
