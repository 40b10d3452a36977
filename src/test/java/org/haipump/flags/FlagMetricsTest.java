package org.haipump.flags;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.haipump.support.Api;
import org.haipump.support.Metrics;
import org.junit.jupiter.api.Test;

/**
 * The overdue scan's metrics, and the open flags gauge that every node reads from the database.
 * The scheduled scan (every 2 s in tests) may run in between and move the same series: a
 * measurement it overlapped is taken again.
 */
@QuarkusTest
class FlagMetricsTest {

    private static final String SCANS = "hai_overdue_scan_seconds_count";
    private static final String SCAN_SECONDS = "hai_overdue_scan_seconds_sum";
    private static final String SCAN_ROWS = "hai_overdue_scan_rows_total";
    private static final String OPEN_FLAGS = "hai_flags_open";
    private static final int ATTEMPTS = 5;

    @Inject
    OverdueScan scan;

    @Inject
    AgroalDataSource db;

    @Test
    void aScanIsTimedAndItsRowsAreCountedByOutcome() {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Instant now = Instant.now();
            // Due in 4 days, dry in 6: late only for the scans below, never for the scheduled one.
            Api.pumpFilledAt(now.minus(Duration.ofDays(10)), "CHEMOTHERAPY");
            Metrics before = Metrics.scrape();

            OverdueScanResult first = scan.runAt(now.plus(Duration.ofDays(5)));
            OverdueScanResult second = scan.runAt(now.plus(Duration.ofDays(7)));

            Metrics after = Metrics.scrape();
            if (after.value(SCANS) - before.value(SCANS) != 2) {
                continue;
            }
            assertThat(first.raised()).isGreaterThanOrEqualTo(1);
            assertThat(second.escalated()).isGreaterThanOrEqualTo(1);
            assertThat(delta(before, after, "flagged")).isEqualTo(first.raised() + second.raised());
            assertThat(delta(before, after, "escalated")).isEqualTo(first.escalated() + second.escalated());
            assertThat(delta(before, after, "resolved")).isEqualTo(first.resolved() + second.resolved());
            assertThat(after.value(SCAN_SECONDS)).isGreaterThan(before.value(SCAN_SECONDS));
            return;
        }
        throw new AssertionError("the scheduled scan overlapped every one of " + ATTEMPTS + " measurements");
    }

    @Test
    void theOpenFlagsGaugeIsTheDatabaseCountRightAfterAScan() throws SQLException {
        Api.pumpFilledAt(Instant.now().minus(Duration.ofDays(17)), "CHEMOTHERAPY");
        Map<FlagLevel, Double> gauge;
        Map<FlagLevel, Double> database;
        int attempt = 0;
        do {
            scan.runAt(Instant.now());
            database = openFlagsInTheDatabase();
            gauge = openFlagsGauge();
        } while (!gauge.equals(database) && ++attempt < ATTEMPTS);

        assertThat(gauge).isEqualTo(database);
        assertThat(gauge.get(FlagLevel.CRITICAL)).isGreaterThanOrEqualTo(1);
    }

    /** What another node, or a fill, changes without a scan here shows once the count is older than its maximum age. */
    @Test
    void theOpenFlagsGaugeFollowsFlagsResolvedWithoutAScan() throws Exception {
        String pumpId = Api.pumpFilledAt(Instant.now().minus(Duration.ofDays(17)), "CHEMOTHERAPY");
        scan.runAt(Instant.now());
        double criticalBefore = openFlagsGauge().get(FlagLevel.CRITICAL);

        Api.recordFill(pumpId, Api.fill(Api.now(), "HEPARIN", Api.FULL_ML));

        Map<FlagLevel, Double> database = openFlagsInTheDatabase();
        Map<FlagLevel, Double> gauge = openFlagsGauge();
        // Bounded poll: the test profile counts again after 1 s.
        for (int attempt = 0; attempt < 50 && !gauge.equals(database); attempt++) {
            TimeUnit.MILLISECONDS.sleep(100);
            database = openFlagsInTheDatabase();
            gauge = openFlagsGauge();
        }
        assertThat(gauge).isEqualTo(database);
        assertThat(gauge.get(FlagLevel.CRITICAL)).isLessThan(criticalBefore);
    }

    private static double delta(Metrics before, Metrics after, String outcome) {
        return after.value(SCAN_ROWS, "outcome", outcome) - before.value(SCAN_ROWS, "outcome", outcome);
    }

    private static Map<FlagLevel, Double> openFlagsGauge() {
        Metrics metrics = Metrics.scrape();
        Map<FlagLevel, Double> gauge = new EnumMap<>(FlagLevel.class);
        for (FlagLevel level : FlagLevel.values()) {
            gauge.put(level, metrics.value(OPEN_FLAGS, "level", level.name()));
        }
        return gauge;
    }

    private Map<FlagLevel, Double> openFlagsInTheDatabase() throws SQLException {
        Map<FlagLevel, Double> counts = new EnumMap<>(FlagLevel.class);
        for (FlagLevel level : FlagLevel.values()) {
            counts.put(level, 0.0);
        }
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("select level, count(*) from flag where status = 'OPEN' group by level")) {
            while (rows.next()) {
                counts.put(FlagLevel.valueOf(rows.getString(1)), (double) rows.getLong(2));
            }
        }
        return counts;
    }
}
