package org.haipump.flags;

import static org.haipump.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.haipump.support.Api;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FlagApiTest {

    @Inject
    OverdueScan scan;

    @Inject
    AgroalDataSource db;

    @Test
    void aLatePumpsFlagCarriesItsCycleAndCanBeAcknowledgedByANurse() {
        Instant performedAt = Instant.now().minus(Duration.ofDays(15)).truncatedTo(ChronoUnit.SECONDS);
        String pumpId = Api.pumpFilledAt(performedAt, "CHEMOTHERAPY");
        String fillId = Api.lastFillId(pumpId);
        scan.run();

        String flagId = as(Tokens.scheduler()).queryParam("pumpId", pumpId).queryParam("status", "OPEN")
                .get("/api/v1/flags").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].kind", equalTo("REFILL_OVERDUE"))
                .body("items[0].level", equalTo("OVERDUE"))
                .body("items[0].fillId", equalTo(fillId))
                .body("items[0].dueAt", equalTo(performedAt.plus(Duration.ofDays(14)).toString()))
                .body("items[0].reserveEndsAt", equalTo(performedAt.plus(Duration.ofDays(16)).toString()))
                .body("items[0].acknowledgedAt", nullValue())
                .extract().path("items[0].id");

        as(Tokens.nurse()).post("/api/v1/flags/{id}/acknowledgement", flagId).then().statusCode(200)
                .body("acknowledgedBy", equalTo(Tokens.NURSE_UPN))
                .body("acknowledgedAt", notNullValue())
                .body("status", equalTo("OPEN"));
    }

    @Test
    void aSecondAcknowledgementIsAConflict() {
        String flagId = openFlagOfALatePump();
        as(Tokens.nurse()).post("/api/v1/flags/{id}/acknowledgement", flagId).then().statusCode(200);

        as(Tokens.admin()).post("/api/v1/flags/{id}/acknowledgement", flagId).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("/problems/flag-acknowledged"));
    }

    @Test
    void aResolvedFlagCannotBeAcknowledged() {
        String pumpId = Api.pumpFilledAt(Instant.now().minus(Duration.ofDays(15)), "CHEMOTHERAPY");
        scan.run();
        Api.recordFill(pumpId, Api.fill(Instant.now().minusSeconds(5), "HEPARIN", 30));
        String flagId = as(Tokens.nurse()).queryParam("pumpId", pumpId).get("/api/v1/flags")
                .then().statusCode(200).body("items[0].status", equalTo("RESOLVED"))
                .body("items[0].resolution", equalTo("REFILLED")).extract().path("items[0].id");

        as(Tokens.nurse()).post("/api/v1/flags/{id}/acknowledgement", flagId).then().statusCode(409)
                .body("type", equalTo("/problems/flag-resolved"));
    }

    @Test
    void anUnknownFlagIsNotFound() {
        as(Tokens.nurse()).post("/api/v1/flags/{id}/acknowledgement", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        as(Tokens.nurse()).get("/api/v1/flags/{id}", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void anUnknownStatusFilterIsABadRequest() {
        as(Tokens.nurse()).queryParam("status", "MAYBE").get("/api/v1/flags").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("status"));
        as(Tokens.nurse()).queryParam("pumpId", "not-a-uuid").get("/api/v1/flags").then().statusCode(400)
                .body("errors[0].field", equalTo("pumpId"));
    }

    /**
     * A refill being recorded holds its pump's lock until it resolves the flag: an acknowledgement
     * waits for it and then finds the flag resolved, rather than acknowledging a flag that the refill
     * resolves a moment later with an earlier {@code resolvedAt}.
     */
    @Test
    void anAcknowledgementWaitsForARefillInFlightAndThenFindsTheFlagResolved() throws Exception {
        String pumpId = latePumpWithAnOpenFlag();
        String flagId = openFlagOf(pumpId);
        ExecutorService nurse = Executors.newSingleThreadExecutor();
        try (Connection refill = db.getConnection()) {
            refill.setAutoCommit(false);
            // What recording the refill does, in a transaction not yet committed: lock the pump first.
            execute(refill, "select id from pump where id = ? for no key update", pumpId);
            Future<Response> acknowledgement = nurse.submit(() ->
                    as(Tokens.nurse()).post("/api/v1/flags/{id}/acknowledgement", flagId));
            awaitAnAcknowledgementWaitingForThePump(acknowledgement);
            execute(refill, "update flag set status = 'RESOLVED', resolution = 'REFILLED', resolved_at = now(),"
                    + " version = version + 1 where pump_id = ? and status = 'OPEN'", pumpId);
            refill.commit();

            acknowledgement.get(30, TimeUnit.SECONDS).then().statusCode(409)
                    .contentType("application/problem+json").body("type", equalTo("/problems/flag-resolved"));
        } finally {
            nurse.shutdownNow();
        }
        as(Tokens.nurse()).get("/api/v1/flags/{id}", flagId).then()
                .body("status", equalTo("RESOLVED")).body("acknowledgedAt", nullValue());
    }

    private void awaitAnAcknowledgementWaitingForThePump(Future<Response> acknowledgement) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (acknowledgement.isDone()) {
                throw new AssertionError("the acknowledgement did not wait for the refill in flight: "
                        + acknowledgement.get().asString());
            }
            try (Connection c = db.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity"
                         + " where wait_event_type = 'Lock' and query ilike '%from pump%'")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the acknowledgement never waited for the pump's lock");
    }

    private static void execute(Connection connection, String sql, String pumpId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, UUID.fromString(pumpId));
            statement.execute();
        }
    }

    private String openFlagOfALatePump() {
        return openFlagOf(latePumpWithAnOpenFlag());
    }

    private String latePumpWithAnOpenFlag() {
        String pumpId = Api.pumpFilledAt(Instant.now().minus(Duration.ofDays(15)), "CHEMOTHERAPY");
        scan.run();
        return pumpId;
    }

    private static String openFlagOf(String pumpId) {
        return as(Tokens.nurse()).queryParam("pumpId", pumpId).queryParam("status", "OPEN").get("/api/v1/flags")
                .then().statusCode(200).extract().path("items[0].id");
    }
}
