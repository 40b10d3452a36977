package org.haipump.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.cycle.CycleFixtures.RESERVOIR_ML;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A pump never filled is taken as filled with heparin to its reservoir volume at the start of its
 * implant day, in the patient's zone: the local midnight, or the first instant of a day that has none.
 */
class ImplantFillTest {

    /** Local days and their first instant (RefillSqlAgreementTest holds the SQL fragment to it): date, zone, start. */
    static final String[] TABLE = {
            "2026-01-05, America/New_York,    2026-01-05T05:00:00Z", // EST
            "2026-07-06, America/New_York,    2026-07-06T04:00:00Z", // EDT
            "2026-03-08, America/New_York,    2026-03-08T05:00:00Z", // the clocks spring forward at 02:00 that day
            "2026-11-01, America/New_York,    2026-11-01T04:00:00Z", // and fall back at 02:00
            "2026-09-06, America/Santiago,    2026-09-06T04:00:00Z", // no 00:00 that day: the day starts at 01:00
            "2026-03-30, Europe/London,       2026-03-29T23:00:00Z", // BST
            "2026-03-30, Pacific/Kiritimati,  2026-03-29T10:00:00Z", // UTC+14
    };

    static Stream<Arguments> days() {
        return Stream.of(TABLE).map(row -> row.split(",")).map(c -> Arguments.of(LocalDate.parse(c[0].strip()),
                ZoneId.of(c[1].strip()), Instant.parse(c[2].strip())));
    }

    @ParameterizedTest(name = "[{index}] implanted {0} in {1}: filled at {2}")
    @MethodSource("days")
    void theImplantFillIsHeparinAtTheStartOfTheImplantDay(LocalDate implantedOn, ZoneId zone, Instant filledAt) {
        PumpCycle pump = new PumpCycle(true, TherapyMode.ACTIVE, zone, implantedOn, RESERVOIR_ML, 1.0, null, null,
                null, false, List.of());

        assertThat(pump.implantFill()).isEqualTo(new FillFact(filledAt, Drug.HEPARIN, RESERVOIR_ML));
        assertThat(pump.cycleStart()).isEqualTo(pump.implantFill());
        assertThat(pump.hasFills()).isFalse();
    }
}
