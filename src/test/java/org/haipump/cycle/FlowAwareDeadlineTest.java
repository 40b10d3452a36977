package org.haipump.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.cycle.CycleFixtures.CYCLE;
import static org.haipump.cycle.CycleFixtures.NOW;
import static org.haipump.cycle.CycleFixtures.POLICY;
import static org.haipump.cycle.CycleFixtures.pump;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The refill is due when the drug's interval ends, or earlier when the fill's volume at the pump's
 * rate runs out first: the reserve must still be in the reservoir at the due time. Flow only ever
 * pulls the deadline in, and never before the fill itself.
 */
class FlowAwareDeadlineTest {

    private static final Instant FILLED_AT = Instant.parse("2026-02-16T14:00:00Z");

    /** The boundary table the SQL fragments are held to as well (RefillSqlAgreementTest). */
    static final String[] TABLE = {
            // drug, volume mL, rate mL/day, due after, basis, empty after
            "CHEMOTHERAPY, 30,    1.0,   P14D,         INTERVAL, P30D",  // plenty: the interval holds
            "CHEMOTHERAPY, 30,    0.5,   P14D,         INTERVAL, P60D",  // a slow pump is never due later
            "CHEMOTHERAPY, 32,    2.0,   P14D,         INTERVAL, P16D",  // empty exactly a reserve after the interval
            "CHEMOTHERAPY, 31.99, 2.0,   PT335H52M48S, FLOW,     PT383H52M48S", // a little less: pulled in
            "CHEMOTHERAPY, 30,    2.0,   P13D,         FLOW,     P15D",  // nominal 2 mL/day: due on day 13, not 14
            "HEPARIN,      30,    2.3,   PT265H2M37S,  FLOW,     PT313H2M37S", // 15 % fast: dry on day 13, due on day 11
            "HEPARIN,      2,     1.0,   PT0S,         FLOW,     P2D",   // empty as the reserve ends: due at the fill
            "HEPARIN,      1,     1.0,   PT0S,         FLOW,     P1D",   // sooner still: clamped to the fill
            "GLYCEROL,     30,    5.0,   P56D,         INTERVAL,      ", // glycerol keeps its interval, flow unknown
    };

    /** {@link #TABLE} as arguments: drug, volume, rate, due after, basis, empty after (null for none). */
    static Stream<Arguments> deadlines() {
        return Stream.of(TABLE).map(row -> {
            String[] c = row.split(",", -1);
            return Arguments.of(Drug.valueOf(c[0].strip()), Double.parseDouble(c[1].strip()),
                    Double.parseDouble(c[2].strip()), Duration.parse(c[3].strip()),
                    DeadlineBasis.valueOf(c[4].strip()), c[5].isBlank() ? null : Duration.parse(c[5].strip()));
        });
    }

    @ParameterizedTest(name = "[{index}] {1} mL {0} at {2} mL/day: due after {3} ({4})")
    @MethodSource("deadlines")
    void theDueTimeIsTheIntervalOrTheEmptyTimeLessTheReserveWhicheverComesFirst(
            Drug drug, double volumeMl, double rate, Duration dueAfter, DeadlineBasis basis, Duration emptyAfter) {
        RefillDeadline deadline = POLICY.deadline(new FillFact(FILLED_AT, drug, volumeMl), rate, false);

        assertThat(deadline).isEqualTo(new RefillDeadline(FILLED_AT.plus(dueAfter),
                FILLED_AT.plus(dueAfter).plus(POLICY.reserve()),
                emptyAfter == null ? null : FILLED_AT.plus(emptyAfter), basis));
    }

    @Test
    void aFifteenPercentFastPumpIsOverdueBeforeItRunsDryAndCriticalAsItDoes() {
        // the example: 30 mL, nominal 2.0 mL/day, measured 2.3 (15 %, not flagged)
        PumpCycle pump = pump().filled(new FillFact(FILLED_AT, Drug.HEPARIN, 30)).nominalFlow(2.0).measuredFlow(2.3)
                .build();
        Instant emptyAt = FILLED_AT.plus(Duration.parse("PT313H2M37S"));

        assertThat(CYCLE.nextRefill(pump, FILLED_AT.plus(Duration.ofDays(11))).orElseThrow().status())
                .isEqualTo(RefillStatus.UPCOMING);
        assertThat(CYCLE.nextRefill(pump, FILLED_AT.plus(Duration.ofDays(12))).orElseThrow().status())
                .isEqualTo(RefillStatus.OVERDUE);
        assertThat(CYCLE.nextRefill(pump, emptyAt.minusSeconds(1)).orElseThrow().status())
                .isEqualTo(RefillStatus.OVERDUE);
        assertThat(CYCLE.nextRefill(pump, emptyAt).orElseThrow())
                .extracting(NextRefill::status, NextRefill::reserveEndsAt, NextRefill::basis)
                .containsExactly(RefillStatus.CRITICAL, emptyAt, DeadlineBasis.FLOW);
    }

    /** The rate table the SQL fragment is held to as well: nominal, measured, lower bound, the rate used. */
    static final String[] RATES = {
            "2.0,    , false, 2.0",  // never measured: nominal
            "2.0, 2.3, false, 2.3",  // measured: the measurement
            "2.0, 1.5, false, 1.5",  // a slow measurement is used too (it only moves predictedEmptyAt out)
            "2.0, 0.0, false, 2.0",  // nothing measured is no rate
            "2.0, 1.5, true,  2.0",  // found empty: it ran at least 1.5, and at least nominal
            "2.0, 2.5, true,  2.5",  // found empty and fast: at least 2.5
    };

    static Stream<Arguments> rates() {
        return Stream.of(RATES).map(row -> row.split(",", -1)).map(c -> Arguments.of(Double.parseDouble(c[0].strip()),
                c[1].isBlank() ? null : Double.valueOf(c[1].strip()), Boolean.parseBoolean(c[2].strip()),
                Double.parseDouble(c[3].strip())));
    }

    @ParameterizedTest(name = "[{index}] nominal {0}, measured {1} (lower bound {2}): predictions use {3}")
    @MethodSource("rates")
    void predictionsUseTheLatestTrustworthyMeasuredRateElseTheNominalOne(double nominal, Double measured,
                                                                         boolean lowerBound, double used) {
        CycleFixtures.PumpBuilder builder = pump().filled(Drug.HEPARIN, FILLED_AT).nominalFlow(nominal);
        PumpCycle pump = lowerBound ? builder.measuredFlowAtLeast(measured).build() : builder.measuredFlow(measured).build();

        assertThat(RefillCycle.predictionRate(pump)).isEqualTo(used);
    }

    @Test
    void theImplantFillIsPulledInByTheNominalRateToo() {
        // implanted 2026-01-05 (midnight EST, 05:00Z), 30 mL at a nominal 2 mL/day: due on day 13
        NextRefill next = CYCLE.nextRefill(pump().nominalFlow(2.0).build(), NOW).orElseThrow();

        assertThat(next.dueAt()).isEqualTo(Instant.parse("2026-01-18T05:00:00Z"));
        assertThat(next.basis()).isEqualTo(DeadlineBasis.IMPLANT);
    }
}
