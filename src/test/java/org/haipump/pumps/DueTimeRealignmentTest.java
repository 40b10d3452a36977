package org.haipump.pumps;

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
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.haipump.flags.OverdueScan;
import org.haipump.support.Api;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DueTimeRealignmentTest {

    @Inject
    DueTimeRealignment realignment;

    @Inject
    OverdueScan scan;

    @Inject
    AgroalDataSource db;

    @Test
    void dueTimesStoredUnderAnOlderIntervalFollowTheConfiguredOneAndTheirFlagResolves() throws SQLException {
        Instant performedAt = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        String pumpId = Api.newPump();
        Api.recordFill(pumpId, Api.fill(performedAt, "CHEMOTHERAPY", 30));
        // As if the service had run with a 7-day interval until now.
        execute("update pump set next_due_at = ?, reserve_ends_at = ? where id = ?",
                performedAt.plus(Duration.ofDays(7)), performedAt.plus(Duration.ofDays(9)), pumpId);
        scan.runAt(Instant.now());
        assertThat(flagState(pumpId)).isEqualTo("OPEN/null");

        realignment.realign();

        assertThat(instant("select next_due_at from pump where id = ?", pumpId))
                .isEqualTo(performedAt.plus(Duration.ofDays(14)));
        assertThat(instant("select reserve_ends_at from pump where id = ?", pumpId))
                .isEqualTo(performedAt.plus(Duration.ofDays(16)));
        assertThat(flagState(pumpId)).isEqualTo("RESOLVED/RESCHEDULED");

        // When the new due time passes, the same cycle's flag opens again.
        scan.runAt(performedAt.plus(Duration.ofDays(14)));
        assertThat(flagState(pumpId)).isEqualTo("OPEN/null");
    }

    @Test
    void aFastPumpStoredBeforeFlowAwareDeadlinesIsPulledInAndThenFlagged() throws SQLException {
        Instant performedAt = Instant.now().minus(Duration.ofDays(12)).truncatedTo(ChronoUnit.SECONDS);
        String pumpId = Api.newPump();
        Api.recordFill(pumpId, Api.fill(performedAt, "HEPARIN", 30));
        // As stored before: a measured 2.3 mL/day, but the due time of the interval alone.
        execute("update pump set latest_measured_flow_ml_per_day = 2.3, next_due_at = ?, reserve_ends_at = ? where id = ?",
                performedAt.plus(Duration.ofDays(14)), performedAt.plus(Duration.ofDays(16)), pumpId);

        realignment.realign();

        // 30 mL at 2.3 mL/day: empty after 1,126,957 s; due the reserve before
        Instant emptyAt = performedAt.plusSeconds(1_126_957);
        assertThat(instant("select next_due_at from pump where id = ?", pumpId)).isEqualTo(emptyAt.minus(Duration.ofDays(2)));
        assertThat(instant("select reserve_ends_at from pump where id = ?", pumpId)).isEqualTo(emptyAt);
        scan.runAt(Instant.now());
        assertThat(flagState(pumpId)).isEqualTo("OPEN/null");
        Api.as(org.haipump.support.Tokens.nurse()).get(Api.PUMP, pumpId).then().statusCode(200)
                .body("nextRefill.basis", org.hamcrest.Matchers.equalTo("FLOW"))
                .body("nextRefill.dueAt", Api.sameInstant(emptyAt.minus(Duration.ofDays(2))));
    }

    @Test
    void aPumpNeverFilledStoredWithoutADueTimeGetsTheOneOfItsImplantFill() throws SQLException {
        String pumpId = Api.newPump();
        execute("update pump set next_due_at = ?, reserve_ends_at = ? where id = ?", null, null, pumpId);

        realignment.realign();

        Instant implantFill = Api.IMPLANTED_ON.atStartOfDay(Api.ZONE).toInstant();
        assertThat(instant("select next_due_at from pump where id = ?", pumpId))
                .isEqualTo(implantFill.plus(Duration.ofDays(14)));
    }

    @Test
    void realigningTwiceChangesNothingTheSecondTime() {
        Api.recordFill(Api.newPump(), Api.fill(Instant.now().minus(Duration.ofDays(3)), "HEPARIN", 30));
        realignment.realign();
        assertThat(realignment.realign()).isZero();
    }

    private void execute(String sql, Instant a, Instant b, String id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, a == null ? null : a.atOffset(java.time.ZoneOffset.UTC));
            s.setObject(2, b == null ? null : b.atOffset(java.time.ZoneOffset.UTC));
            s.setObject(3, UUID.fromString(id));
            s.executeUpdate();
        }
    }

    private Instant instant(String sql, String id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, UUID.fromString(id));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class).toInstant();
            }
        }
    }

    private String flagState(String pumpId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "select status, resolution from flag where pump_id = ? and kind = 'REFILL_OVERDUE'")) {
            s.setObject(1, UUID.fromString(pumpId));
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("an overdue flag exists").isTrue();
                return rs.getString(1) + "/" + rs.getString(2);
            }
        }
    }
}
