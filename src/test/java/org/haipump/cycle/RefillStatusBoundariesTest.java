package org.haipump.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.cycle.CycleFixtures.CYCLE;
import static org.haipump.cycle.CycleFixtures.POLICY;
import static org.haipump.cycle.CycleFixtures.pump;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * UPCOMING before the due time, OVERDUE from the due time while the pump runs on its two-day reserve,
 * CRITICAL from the end of the reserve on.
 */
class RefillStatusBoundariesTest {

    /** A chemotherapy fill then is due 2026-03-02T14:00Z (reserve ends 03-04); a glycerol fill 2026-04-13T14:00Z (04-15). */
    static final Instant FILLED_AT = Instant.parse("2026-02-16T14:00:00Z");

    /** The boundary table the SQL fragments are held to as well (RefillSqlAgreementTest). */
    static final String[] TABLE = {
            // a chemotherapy fill, due 2026-03-02T14:00Z
            "CHEMOTHERAPY, 2026-02-20T14:00:00Z, UPCOMING", // well before due
            "CHEMOTHERAPY, 2026-03-02T13:59:59Z, UPCOMING", // a second before due
            "CHEMOTHERAPY, 2026-03-02T14:00:00Z, OVERDUE",  // at due
            "CHEMOTHERAPY, 2026-03-03T14:00:00Z, OVERDUE",  // inside the reserve
            "CHEMOTHERAPY, 2026-03-04T13:59:59Z, OVERDUE",  // a second before the reserve ends
            "CHEMOTHERAPY, 2026-03-04T14:00:00Z, CRITICAL", // at the end of the reserve
            "CHEMOTHERAPY, 2026-04-30T14:00:00Z, CRITICAL", // long after
            // a glycerol fill, due 56 days later, 2026-04-13T14:00Z
            "GLYCEROL,     2026-03-02T14:00:00Z, UPCOMING", // when a 14-day fill would be due
            "GLYCEROL,     2026-04-13T13:59:59Z, UPCOMING",
            "GLYCEROL,     2026-04-13T14:00:00Z, OVERDUE",
            "GLYCEROL,     2026-04-14T02:00:00Z, OVERDUE",
            "GLYCEROL,     2026-04-15T13:59:59Z, OVERDUE",
            "GLYCEROL,     2026-04-15T14:00:00Z, CRITICAL",
            "GLYCEROL,     2026-09-01T14:00:00Z, CRITICAL",
    };

    /** {@link #TABLE} as arguments: the drug of the fill, now, the status. */
    static Stream<Arguments> statuses() {
        return Stream.of(TABLE).map(row -> row.split(",")).map(c -> Arguments.of(Drug.valueOf(c[0].strip()),
                Instant.parse(c[1].strip()), RefillStatus.valueOf(c[2].strip())));
    }

    @ParameterizedTest(name = "[{index}] {0} fill, now {1}: {2}")
    @MethodSource("statuses")
    void statusOfTheNextRefill(Drug lastDrug, Instant now, RefillStatus expected) {
        NextRefill next = CYCLE.nextRefill(pump().filled(lastDrug, FILLED_AT).build(), now).orElseThrow();

        assertThat(next.status()).isEqualTo(expected);
        assertThat(POLICY.statusAt(next.dueAt(), now)).isEqualTo(expected);
    }
}
