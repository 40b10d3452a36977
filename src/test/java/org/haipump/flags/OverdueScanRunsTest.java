package org.haipump.flags;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The ledger that lets each firing of the scan run on one node. Firings here are scheduled a year
 * ahead, apart from those of the real trigger that runs meanwhile.
 */
@QuarkusTest
class OverdueScanRunsTest {

    @Inject
    OverdueScanRuns runs;

    @Inject
    AgroalDataSource db;

    @Test
    void aFiringIsClaimedByOneNodeOnly() throws SQLException {
        Instant firing = aFutureFiring();

        assertThat(runs.claim(firing, "node-a")).isTrue();
        assertThat(runs.claim(firing, "node-b")).as("the same firing handed out again").isFalse();
        assertThat(runs.claim(firing, "node-a")).as("the same firing on the same node").isFalse();

        assertThat(column(firing, "node")).isEqualTo("node-a");
        assertThat(column(firing, "finished_at")).as("running").isNull();
    }

    @Test
    void aFinishedRunRecordsWhatTheScanDid() throws SQLException {
        Instant firing = aFutureFiring();
        runs.claim(firing, "node-a");

        runs.finish(firing, new OverdueScanResult(3, 1, 2, 4, 5, List.of(UUID.randomUUID()), List.of("escalate"), 12));

        assertThat(column(firing, "raised")).isEqualTo("3");
        assertThat(column(firing, "escalated")).isEqualTo("1");
        assertThat(column(firing, "resolved")).isEqualTo("2");
        assertThat(column(firing, "missed")).isEqualTo("4");
        assertThat(column(firing, "hold_reviews")).isEqualTo("5");
        assertThat(column(firing, "failed_pumps")).isEqualTo("1");
        assertThat(column(firing, "failed_steps")).isEqualTo("escalate");
        assertThat(column(firing, "finished_at")).isNotNull();
    }

    @Test
    void runsOlderThanTheRetentionAreDeletedByTheNextClaim() throws SQLException {
        Instant old = Instant.now().minus(OverdueScanRuns.KEPT_FOR).minus(Duration.ofHours(1))
                .truncatedTo(ChronoUnit.MILLIS);
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into overdue_scan_run (scheduled_for, node, started_at) values (?, 'node-old', ?)")) {
            s.setObject(1, old.atOffset(java.time.ZoneOffset.UTC));
            s.setObject(2, old.atOffset(java.time.ZoneOffset.UTC));
            s.executeUpdate();
        }

        runs.claim(aFutureFiring(), "node-a");

        assertThat(column(old, "node")).as("a run older than " + OverdueScanRuns.KEPT_FOR.toDays() + " days").isNull();
    }

    private static Instant aFutureFiring() {
        return Instant.now().plus(Duration.ofDays(365)).truncatedTo(ChronoUnit.MILLIS)
                .plusMillis(ThreadLocalRandom.current().nextLong(1, 1_000_000_000));
    }

    /** One column of the firing's run, as text; null when there is no such run. */
    private String column(Instant firing, String column) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "select " + column + "::text from overdue_scan_run where scheduled_for = ?")) {
            s.setObject(1, firing.atOffset(java.time.ZoneOffset.UTC));
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }
}
