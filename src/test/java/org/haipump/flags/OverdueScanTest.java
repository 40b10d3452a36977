package org.haipump.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.as;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.haipump.support.Api;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The overdue scan as a use case, run at chosen instants. The Quartz trigger that runs it is
 * covered once, end to end, by {@link OverdueScanTriggerTest}.
 */
@QuarkusTest
class OverdueScanTest {

    private static final Duration DAY = Duration.ofDays(1);

    @Inject
    OverdueScan scan;

    @Inject
    AgroalDataSource db;

    @Test
    void aRefillPastItsDueTimeIsFlaggedOverdueOnce() throws SQLException {
        Instant now = Instant.now();
        String pumpId = pumpFilledAt(now.minus(Duration.ofDays(15)));

        scan.runAt(now);
        scan.runAt(now);

        List<Map<String, Object>> flags = overdueFlags(pumpId);
        assertThat(flags).hasSize(1);
        assertThat(flags.get(0)).containsEntry("level", "OVERDUE").containsEntry("status", "OPEN");
    }

    @Test
    void aRefillOneSecondBeforeItsDueTimeIsNotFlagged() throws SQLException {
        Instant performedAt = Instant.now().minus(Duration.ofDays(10));
        String pumpId = pumpFilledAt(performedAt);
        Instant due = performedAt.plus(Duration.ofDays(14));

        scan.runAt(due.minusSeconds(1));
        assertThat(overdueFlags(pumpId)).isEmpty();

        scan.runAt(due);
        assertThat(overdueFlags(pumpId)).extracting(f -> f.get("level")).containsExactly("OVERDUE");
    }

    @Test
    void theFlagEscalatesToCriticalWhenTheReserveEnds() throws SQLException {
        Instant performedAt = Instant.now().minus(Duration.ofDays(15));
        String pumpId = pumpFilledAt(performedAt);
        Instant reserveEnds = performedAt.plus(Duration.ofDays(16));

        scan.runAt(reserveEnds.minusSeconds(1));
        OverdueScanResult result = scan.runAt(reserveEnds);

        assertThat(result.escalated()).isGreaterThanOrEqualTo(1);
        List<Map<String, Object>> flags = overdueFlags(pumpId);
        assertThat(flags).hasSize(1);
        assertThat(flags.get(0)).containsEntry("level", "CRITICAL");
        assertThat(flags.get(0).get("escalated_at")).isNotNull();
    }

    @Test
    void aPumpFoundAfterItsReserveEndedIsFlaggedCriticalAtOnce() throws SQLException {
        String pumpId = pumpFilledAt(Instant.now().minus(Duration.ofDays(17)));

        scan.runAt(Instant.now());

        assertThat(overdueFlags(pumpId)).extracting(f -> f.get("level")).containsExactly("CRITICAL");
    }

    @Test
    void aFillResolvesTheFlagAndTheNextCycleCanBeFlaggedAgain() throws SQLException {
        Instant now = Instant.now();
        String pumpId = pumpFilledAt(now.minus(Duration.ofDays(15)));
        scan.runAt(now);

        Api.recordFill(pumpId, Api.fill(now.minusSeconds(60), "HEPARIN", 30));
        scan.runAt(now);

        List<Map<String, Object>> flags = overdueFlags(pumpId);
        assertThat(flags).hasSize(1);
        assertThat(flags.get(0)).containsEntry("status", "RESOLVED").containsEntry("resolution", "REFILLED");

        scan.runAt(now.plus(Duration.ofDays(15)));
        assertThat(overdueFlags(pumpId)).extracting(f -> f.get("status")).containsExactlyInAnyOrder("RESOLVED", "OPEN");
    }

    @Test
    void aRemovalResolvesTheFlagAndTheRemovedPumpIsNeverFlaggedAgain() throws SQLException {
        Instant now = Instant.now();
        String pumpId = pumpFilledAt(now.minus(Duration.ofDays(15)));
        scan.runAt(now);

        as(Tokens.nurse()).body(Map.of("removedOn", java.time.LocalDate.now().minusDays(1).toString(),
                        "reason", "COMPLETED_THERAPY"))
                .post("/api/v1/pumps/{id}/removal", pumpId).then().statusCode(200);
        scan.runAt(now.plus(DAY.multipliedBy(30)));

        List<Map<String, Object>> flags = overdueFlags(pumpId);
        assertThat(flags).hasSize(1);
        assertThat(flags.get(0)).containsEntry("status", "RESOLVED").containsEntry("resolution", "PUMP_REMOVED");
    }

    @Test
    void concurrentScansWriteOneFlagPerPumpAndCycle() throws Exception {
        Instant now = Instant.now();
        List<String> pumps = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pumps.add(pumpFilledAt(now.minus(Duration.ofDays(15))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<OverdueScanResult>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(() -> scan.runAt(now));
            }
            for (Future<OverdueScanResult> run : pool.invokeAll(runs)) {
                assertThat(run.get().clean()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        for (String pumpId : pumps) {
            assertThat(overdueFlags(pumpId)).hasSize(1);
        }
    }

    @Test
    void oneBadRowDoesNotStopTheOthersFromBeingFlagged() throws SQLException {
        Instant now = Instant.now();
        // The bad pump is registered, with its fill, only once its patient's flags are rejected, so that
        // the scheduled scan cannot flag it first.
        String badPatient = Api.registerPatient();
        String good = pumpFilledAt(now.minus(Duration.ofDays(15)));
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    create or replace function test_reject_flag() returns trigger as $$
                    begin
                      if new.patient_id = '%s' then raise exception 'rejected for the test'; end if;
                      return new;
                    end $$ language plpgsql""".formatted(badPatient));
            s.execute("create trigger test_reject_flag before insert on flag for each row execute function test_reject_flag()");
        }
        OverdueScanResult result;
        List<Map<String, Object>> badFlagsWhileRejected;
        String bad;
        try {
            bad = Api.pumpFilledAt(badPatient, now.minus(Duration.ofDays(15)), "CHEMOTHERAPY", 30);
            result = scan.runAt(now);
            // Read while the trigger still rejects it: once dropped, the scheduled scan may flag it at any moment.
            badFlagsWhileRejected = overdueFlags(bad);
        } finally {
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.execute("drop trigger if exists test_reject_flag on flag");
                s.execute("drop function if exists test_reject_flag()");
            }
        }
        assertThat(result.failedPumps()).contains(UUID.fromString(bad));
        assertThat(overdueFlags(good)).hasSize(1);
        assertThat(badFlagsWhileRejected).isEmpty();

        scan.runAt(now);
        assertThat(overdueFlags(bad)).hasSize(1);
    }

    @Test
    void aScanMeetingAFillInFlightWaitsForItAndDoesNotFlagTheRefilledPump() throws Exception {
        // Due in four days and scanned five days ahead: late for this scan only, never for the
        // scheduled one running meanwhile.
        String pumpId = pumpFilledAt(Instant.now().minus(Duration.ofDays(10)));
        Instant scanAt = Instant.now().plus(Duration.ofDays(5));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection fill = db.getConnection()) {
            fill.setAutoCommit(false);
            // What recording a fill does to the pump row, inside a transaction not yet committed.
            try (PreparedStatement s = fill.prepareStatement("""
                    update pump set next_due_at = next_due_at + interval '14 days',
                                    reserve_ends_at = reserve_ends_at + interval '14 days' where id = ?""")) {
                s.setObject(1, UUID.fromString(pumpId));
                s.executeUpdate();
            }
            Future<OverdueScanResult> scanning = pool.submit(() -> scan.runAt(scanAt));
            awaitABackendWaitingForALock();
            fill.commit();
            assertThat(scanning.get().clean()).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(overdueFlags(pumpId)).isEmpty();
    }

    // --- chemotherapy hold reviews ----------------------------------------------------------------

    @Test
    void aHoldReachingItsReviewDayIsFlaggedForReviewOnce() throws SQLException {
        String pumpId = pumpFilledAt(Instant.now().minus(Duration.ofDays(10)));
        LocalDate reviewOn = Api.today().plusDays(10);
        String holdId = Api.startChemoHold(pumpId, Api.today(), reviewOn);
        Instant reviewDueAt = reviewOn.atStartOfDay(Api.ZONE).toInstant();

        scan.runAt(reviewDueAt.minusSeconds(1));
        assertThat(reviewFlags(pumpId)).isEmpty();

        OverdueScanResult first = scan.runAt(reviewDueAt);
        OverdueScanResult second = scan.runAt(reviewDueAt);
        scan.runAt(reviewDueAt.plus(DAY.multipliedBy(30)));

        assertThat(first.holdReviews()).isGreaterThanOrEqualTo(1);
        assertThat(first.clean()).isTrue();
        assertThat(second.holdReviews()).isZero();
        List<Map<String, Object>> flags = reviewFlags(pumpId);
        assertThat(flags).hasSize(1);
        assertThat(flags.get(0))
                .containsEntry("level", "WARNING")
                .containsEntry("status", "OPEN")
                .containsEntry("chemotherapy_hold_id", UUID.fromString(holdId))
                .containsEntry("cycle_fill_id", null);
        assertThat(((java.time.OffsetDateTime) flags.get(0).get("due_at")).toInstant()).isEqualTo(reviewDueAt);
    }

    @Test
    void endingTheHoldResolvesItsReviewAndNoOtherIsRaised() throws SQLException {
        String pumpId = pumpFilledAt(Instant.now().minus(Duration.ofDays(10)));
        LocalDate reviewOn = Api.today().plusDays(10);
        String holdId = Api.startChemoHold(pumpId, Api.today(), reviewOn);
        Instant reviewDueAt = reviewOn.atStartOfDay(Api.ZONE).toInstant();
        scan.runAt(reviewDueAt);

        Api.endChemoHold(pumpId, holdId);
        scan.runAt(reviewDueAt.plus(DAY));

        List<Map<String, Object>> flags = reviewFlags(pumpId);
        assertThat(flags).hasSize(1);
        assertThat(flags.get(0)).containsEntry("status", "RESOLVED").containsEntry("resolution", "HOLD_ENDED");
    }

    @Test
    void aHoldEndedBeforeItsReviewDayIsNeverFlagged() throws SQLException {
        String pumpId = pumpFilledAt(Instant.now().minus(Duration.ofDays(10)));
        LocalDate reviewOn = Api.today().plusDays(10);
        Api.endChemoHold(pumpId, Api.startChemoHold(pumpId, Api.today(), reviewOn));

        scan.runAt(reviewOn.atStartOfDay(Api.ZONE).toInstant().plus(DAY));

        assertThat(reviewFlags(pumpId)).isEmpty();
    }

    @Test
    void aRemovalResolvesTheReviewAndARemovedPumpsHoldIsNeverFlagged() throws SQLException {
        LocalDate reviewOn = Api.today().plusDays(10);
        Instant reviewDueAt = reviewOn.atStartOfDay(Api.ZONE).toInstant();
        String reviewed = pumpFilledAt(Instant.now().minus(Duration.ofDays(10)));
        Api.startChemoHold(reviewed, Api.today(), reviewOn);
        scan.runAt(reviewDueAt);
        Api.removePump(reviewed);
        String removedBefore = pumpFilledAt(Instant.now().minus(Duration.ofDays(10)));
        Api.startChemoHold(removedBefore, Api.today(), reviewOn);
        Api.removePump(removedBefore);

        scan.runAt(reviewDueAt.plus(DAY));

        assertThat(reviewFlags(reviewed)).extracting(f -> f.get("resolution")).containsExactly("PUMP_REMOVED");
        assertThat(reviewFlags(removedBefore)).isEmpty();
    }

    @Test
    void concurrentScansRaiseOneReviewPerHold() throws Exception {
        LocalDate reviewOn = Api.today().plusDays(10);
        List<String> pumps = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String pumpId = pumpFilledAt(Instant.now().minus(Duration.ofDays(10)));
            Api.startChemoHold(pumpId, Api.today(), reviewOn);
            pumps.add(pumpId);
        }
        // Late pumps flagged now, critical by the review day: every step of the runs has rows to lock.
        for (int i = 0; i < 12; i++) {
            pumpFilledAt(Instant.now().minus(Duration.ofDays(15)));
        }
        scan.run();
        Instant reviewDueAt = reviewOn.atStartOfDay(Api.ZONE).toInstant();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<OverdueScanResult>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(() -> scan.runAt(reviewDueAt));
            }
            for (Future<OverdueScanResult> run : pool.invokeAll(runs)) {
                assertThat(run.get().clean()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        for (String pumpId : pumps) {
            assertThat(reviewFlags(pumpId)).hasSize(1);
        }
    }

    @Test
    void oneBadReviewDoesNotStopTheOthers() throws SQLException {
        LocalDate reviewOn = Api.today().plusDays(10);
        String bad = pumpFilledAt(Instant.now().minus(Duration.ofDays(10)));
        String good = pumpFilledAt(Instant.now().minus(Duration.ofDays(10)));
        Api.startChemoHold(bad, Api.today(), reviewOn);
        Api.startChemoHold(good, Api.today(), reviewOn);
        Instant reviewDueAt = reviewOn.atStartOfDay(Api.ZONE).toInstant();
        OverdueScanResult result;
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    create or replace function test_reject_review() returns trigger as $$
                    begin
                      if new.pump_id = '%s' and new.kind = 'CHEMO_HOLD_REVIEW' then
                        raise exception 'rejected for the test';
                      end if;
                      return new;
                    end $$ language plpgsql""".formatted(bad));
            s.execute("create trigger test_reject_review before insert on flag for each row"
                    + " execute function test_reject_review()");
            result = scan.runAt(reviewDueAt);
        } finally {
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.execute("drop trigger if exists test_reject_review on flag");
                s.execute("drop function if exists test_reject_review()");
            }
        }
        assertThat(result.failedPumps()).contains(UUID.fromString(bad));
        assertThat(reviewFlags(good)).hasSize(1);
        assertThat(reviewFlags(bad)).isEmpty();

        scan.runAt(reviewDueAt);
        assertThat(reviewFlags(bad)).hasSize(1);
    }

    private List<Map<String, Object>> reviewFlags(String pumpId) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     select level, status, resolution, chemotherapy_hold_id, cycle_fill_id, due_at from flag
                     where pump_id = ? and kind = 'CHEMO_HOLD_REVIEW' order by raised_at""")) {
            s.setObject(1, UUID.fromString(pumpId));
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new java.util.HashMap<>();
                    row.put("level", rs.getString("level"));
                    row.put("status", rs.getString("status"));
                    row.put("resolution", rs.getString("resolution"));
                    row.put("chemotherapy_hold_id", rs.getObject("chemotherapy_hold_id"));
                    row.put("cycle_fill_id", rs.getObject("cycle_fill_id"));
                    row.put("due_at", rs.getObject("due_at", java.time.OffsetDateTime.class));
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    private void awaitABackendWaitingForALock() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            try (Connection c = db.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity where wait_event_type = 'Lock'")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the scan never waited for the pump's lock");
    }

    private static String pumpFilledAt(Instant performedAt) {
        String pumpId = Api.pumpFilledAt(performedAt, "CHEMOTHERAPY");
        return pumpId;
    }

    /**
     * The overdue flags of the pump's recorded cycles. A pump registered without a fill is late from
     * its implant fill at once, so the scheduled scan may flag that cycle before the test's first
     * fill resolves it; the tests are about the cycles their fills start.
     */
    private List<Map<String, Object>> overdueFlags(String pumpId) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     select level, status, resolution, escalated_at from flag
                     where pump_id = ? and kind = 'REFILL_OVERDUE' and cycle_fill_id is not null
                     order by raised_at""")) {
            s.setObject(1, UUID.fromString(pumpId));
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new java.util.HashMap<>();
                    row.put("level", rs.getString("level"));
                    row.put("status", rs.getString("status"));
                    row.put("resolution", rs.getString("resolution"));
                    row.put("escalated_at", rs.getObject("escalated_at"));
                    rows.add(row);
                }
            }
            return rows;
        }
    }
}
