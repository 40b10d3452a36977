package org.haipump.fills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.APPOINTMENTS;
import static org.haipump.support.Api.FILLS;
import static org.haipump.support.Api.FULL_ML;
import static org.haipump.support.Api.REFILL_INTERVAL;
import static org.haipump.support.Api.as;
import static org.haipump.support.Api.daysAgo;
import static org.haipump.support.Api.fill;
import static org.haipump.support.Api.ruleViolated;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.haipump.support.Api;
import org.haipump.support.Db;
import org.haipump.support.Metrics;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

/** {@code hai_fills_recorded_total}: one per committed fill, by the location of the appointment it completed. */
@QuarkusTest
class FillMetricsTest {

    private static final String FILLS_RECORDED = "hai_fills_recorded_total";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Db db;

    private static double recorded(String location) {
        return Metrics.scrape().value(FILLS_RECORDED, "location", location);
    }

    /** A pump whose heparin refill is due tomorrow, with an appointment for it at {@code location}. */
    private static String pumpWithAppointmentAt(String location) {
        Instant performedAt = daysAgo(13);
        String pumpId = Api.pumpFilledAt(performedAt, "CHEMOTHERAPY");
        Map<String, Object> appointment = Api.appointmentBody(pumpId, performedAt.plus(REFILL_INTERVAL));
        appointment.put("location", location);
        as(Tokens.scheduler()).body(appointment).post(APPOINTMENTS).then().statusCode(201);
        return pumpId;
    }

    @Test
    void everyLocationIsASeriesBeforeItsFirstFill() {
        Metrics metrics = Metrics.scrape();

        assertThat(metrics.find(FILLS_RECORDED)).extracting(s -> s.labels().get("location"))
                .containsExactlyInAnyOrder("CLINIC", "HOME", "UNKNOWN");
    }

    @Test
    void aFillCountsAtTheLocationOfTheAppointmentItCompletes() {
        String atClinic = pumpWithAppointmentAt("CLINIC");
        String atHome = pumpWithAppointmentAt("HOME");
        double clinic = recorded("CLINIC");
        double home = recorded("HOME");
        double unknown = recorded("UNKNOWN");

        Api.recordFill(atHome, fill(Api.now(), "HEPARIN", FULL_ML));
        Api.recordFill(atClinic, fill(Api.now(), "HEPARIN", FULL_ML));
        Api.recordFill(atClinic, fill(Api.now().plusSeconds(1), "CHEMOTHERAPY", FULL_ML));

        Metrics after = Metrics.scrape();
        assertThat(after.value(FILLS_RECORDED, "location", "CLINIC")).isEqualTo(clinic + 1);
        assertThat(after.value(FILLS_RECORDED, "location", "HOME")).isEqualTo(home + 1);
        // The second fill of the clinic's pump completed no appointment: its location is not known.
        assertThat(after.value(FILLS_RECORDED, "location", "UNKNOWN")).isEqualTo(unknown + 1);
    }

    @Test
    void aReplayedFillIsNotCountedAgain() {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "CHEMOTHERAPY");
        Map<String, Object> body = fill(Api.now(), "HEPARIN", FULL_ML);
        String key = "fill-" + UUID.randomUUID();
        double before = recorded("UNKNOWN");

        as(Tokens.nurse()).header("Idempotency-Key", key).body(body).post(FILLS, pumpId).then().statusCode(201);
        as(Tokens.nurse()).header("Idempotency-Key", key).body(body).post(FILLS, pumpId).then().statusCode(201)
                .header("Idempotent-Replayed", "true");

        assertThat(recorded("UNKNOWN")).isEqualTo(before + 1);
    }

    @Test
    void aRefusedFillIsNotCounted() {
        String pumpId = pumpWithAppointmentAt("CLINIC");
        double clinic = recorded("CLINIC");
        double unknown = recorded("UNKNOWN");

        ruleViolated(as(Tokens.nurse()).body(fill(Api.now(), "HEPARIN", Api.RESERVOIR_ML + 0.01)).post(FILLS, pumpId),
                "volume-above-reservoir", "volumeMl");

        Metrics after = Metrics.scrape();
        assertThat(after.value(FILLS_RECORDED, "location", "CLINIC")).isEqualTo(clinic);
        assertThat(after.value(FILLS_RECORDED, "location", "UNKNOWN")).isEqualTo(unknown);
    }

    /**
     * A fill that passed every rule but whose transaction fails at commit is not counted. The test
     * holds an uncommitted idempotency record under the request's key: the request does not see it,
     * records its fill, and then fails on the key when the test commits.
     */
    @Test
    void aFillRolledBackAtCommitIsNotCounted() throws Exception {
        String key = "fill-" + UUID.randomUUID();
        String otherPump = Api.pumpFilledAt(daysAgo(13), "CHEMOTHERAPY");
        String otherFill = Api.recordFill(otherPump, fill(Api.now(), "HEPARIN", FULL_ML));
        String pumpId = Api.pumpFilledAt(daysAgo(13), "CHEMOTHERAPY");
        double before = recorded("UNKNOWN");
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement insert = holder.prepareStatement("insert into idempotency_record"
                    + " (caller, idempotency_key, request_hash, pump_id, fill_id, response_status, response_body, created_at)"
                    + " values ('user:' || ?, ?, 'held by the test', ?, ?, 201, '{}', now())")) {
                insert.setString(1, Tokens.NURSE_UPN);
                insert.setString(2, key);
                insert.setObject(3, UUID.fromString(otherPump));
                insert.setObject(4, UUID.fromString(otherFill));
                insert.executeUpdate();
            }
            Future<Integer> status = executor.submit(() -> as(Tokens.nurse()).header("Idempotency-Key", key)
                    .body(fill(Api.now(), "HEPARIN", FULL_ML)).post(FILLS, pumpId).statusCode());
            awaitAnInsertWaitingForTheKey();
            holder.commit();

            assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(409);
        } finally {
            executor.shutdownNow();
        }
        assertThat(db.count("fill", "pump_id", pumpId)).as("fills of the pump").isEqualTo(1);
        assertThat(recorded("UNKNOWN")).isEqualTo(before);
    }

    /** Bounded poll: the request's insert of the idempotency record waits on the test's uncommitted one. */
    private void awaitAnInsertWaitingForTheKey() throws Exception {
        for (int attempt = 0; attempt < 200; attempt++) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet waiting = s.executeQuery("select count(*) from pg_stat_activity"
                         + " where datname = current_database() and wait_event_type = 'Lock'"
                         + " and query ilike 'insert into idempotency_record%'")) {
                waiting.next();
                if (waiting.getLong(1) > 0) {
                    return;
                }
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("the request never waited on the held idempotency key");
    }
}
