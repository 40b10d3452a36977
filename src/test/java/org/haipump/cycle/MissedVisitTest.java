package org.haipump.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.cycle.CycleFixtures.POLICY;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A booked visit with no fill is missed from two hours after its start on. */
class MissedVisitTest {

    /** The boundary table the SQL fragment is held to as well (RefillSqlAgreementTest): start, now, missed. */
    static final String[] TABLE = {
            "2026-03-02T14:00:00Z, 2026-03-02T14:00:00Z, false", // at the start
            "2026-03-02T14:00:00Z, 2026-03-02T15:59:59Z, false", // a second before missed-after has passed
            "2026-03-02T14:00:00Z, 2026-03-02T16:00:00Z, true",  // as it passes
            "2026-03-02T14:00:00Z, 2026-03-09T14:00:00Z, true",  // long after
            "2026-11-01T05:30:00Z, 2026-11-01T07:30:00Z, true",  // elapsed hours, across the clocks falling back
    };

    static Stream<Arguments> visits() {
        return Stream.of(TABLE).map(row -> row.split(",")).map(c -> Arguments.of(Instant.parse(c[0].strip()),
                Instant.parse(c[1].strip()), Boolean.parseBoolean(c[2].strip())));
    }

    @ParameterizedTest(name = "[{index}] starting {0}, at {1}: missed {2}")
    @MethodSource("visits")
    void aBookedVisitIsMissedOnceMissedAfterHasPassedSinceItsStart(Instant startsAt, Instant now, boolean missed) {
        assertThat(!now.isBefore(POLICY.missedAt(startsAt))).isEqualTo(missed);
    }
}
