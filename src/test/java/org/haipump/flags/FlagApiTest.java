package org.haipump.flags;

import static org.haipump.support.Api.as;
import static org.haipump.support.Api.conflict;
import static org.haipump.support.Api.invalid;
import static org.haipump.support.Api.notFound;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.haipump.support.Api;
import org.haipump.support.Db;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class FlagApiTest {

    @Inject
    OverdueScan scan;

    @Inject
    AgroalDataSource db;

    @Inject
    Db snapshots;

    private static final String NOTE = "Flow study normal: catheter patent.";

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
            awaitWaitingForThePump(acknowledgement, "the acknowledgement");
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

    // --- flow flags: resolved by later fills --------------------------------------------------------

    /**
     * The fast flow flag of {@link Api#pumpWithFlowFlag} (heparin a day ago, 2 mL/day), and a
     * chemotherapy fill now with this residual: in tolerance resolves it, a new deviation or a pump
     * that did not flow replaces it, a pump found empty or no residual leaves it open.
     */
    @ParameterizedTest(name = "residual {0} mL: the fast flow flag ends {1} {2}, then {3} open flow flags, {4} no-flow")
    @CsvSource({
            "28.5, RESOLVED, FLOW_IN_TOLERANCE, 0, 0", // 1.5 mL/day: nominal
            "29.5, RESOLVED, SUPERSEDED,        1, 0", // 0.5 mL/day: a new, slow flag
            "30,   RESOLVED, SUPERSEDED,        0, 1", // it did not flow
            "0,    OPEN,     ,                  1, 0", // found empty: at least 30 mL/day says nothing of tolerance
            ",     OPEN,     ,                  1, 0", // nothing measured
    })
    void aFlowFlagIsResolvedOrReplacedByWhatTheNextFillFinds(Double residualMl, String status, String resolution,
            int openFlowFlags, int openNoFlowFlags) {
        String pumpId = Api.pumpWithFlowFlag();
        String flowFlag = Api.openFlagOf(pumpId, "FLOW_DEVIATION");

        Api.recordFill(pumpId, residualMl == null ? Api.fill(Api.now(), "CHEMOTHERAPY", Api.FULL_ML)
                : Api.fill(Api.now(), "CHEMOTHERAPY", Api.FULL_ML, residualMl));

        as(Tokens.nurse()).get(Api.FLAG, flowFlag).then().log().ifValidationFails()
                .body("status", equalTo(status))
                .body("resolution", equalTo(resolution))
                .body("resolvedBy", nullValue());
        openFlags(pumpId)
                .body("items.findAll { it.kind == 'FLOW_DEVIATION' }", hasSize(openFlowFlags))
                .body("items.findAll { it.kind == 'NO_FLOW' }", hasSize(openNoFlowFlags));
    }

    /**
     * A pump that did not flow (heparin 14 days ago, all 30 mL withdrawn now) stays flagged until a
     * fill measures a flow in tolerance: a fast one, a pump found empty or no measurement do not show
     * the catheter open and in specification.
     */
    @ParameterizedTest(name = "residual {0} mL: the no-flow flag ends {1} {2}")
    @CsvSource({
            "9,  RESOLVED, FLOW_IN_TOLERANCE", // 21 mL in 14 days: nominal
            "2,  OPEN,     ",                  // 2 mL/day: fast
            "0,  OPEN,     ",                  // found empty
            ",   OPEN,     ",                  // nothing measured
            "30, RESOLVED, SUPERSEDED",        // again no flow: a new flag
    })
    void aNoFlowFlagIsResolvedOnlyByAFlowInTolerance(Double residualMl, String status, String resolution) {
        String pumpId = Api.pumpFilledAt(Api.daysAgo(27), "CHEMOTHERAPY");
        Api.recordFill(pumpId, Api.fill(Api.daysAgo(14), "HEPARIN", Api.FULL_ML, Api.FULL_ML));
        String noFlowFlag = Api.openFlagOf(pumpId, "NO_FLOW");

        Api.recordFill(pumpId, residualMl == null ? Api.fill(Api.now(), "CHEMOTHERAPY", Api.FULL_ML)
                : Api.fill(Api.now(), "CHEMOTHERAPY", Api.FULL_ML, residualMl));

        as(Tokens.nurse()).get(Api.FLAG, noFlowFlag).then().log().ifValidationFails()
                .body("kind", equalTo("NO_FLOW"))
                .body("level", equalTo("CRITICAL"))
                .body("status", equalTo(status))
                .body("resolution", equalTo(resolution));
    }

    @Test
    void aRemovalResolvesTheFlowFlagsAndTheReviews() {
        String pumpId = Api.pumpFoundEmpty();
        Api.recordFill(pumpId, Api.fill(Api.now(), "CHEMOTHERAPY", Api.FULL_ML, Api.FULL_ML));
        String review = Api.openFlagOf(pumpId, "PATENCY_REVIEW");
        String noFlow = Api.openFlagOf(pumpId, "NO_FLOW");

        Api.removePump(pumpId);

        for (String flagId : List.of(review, noFlow)) {
            as(Tokens.nurse()).get(Api.FLAG, flagId).then()
                    .body("status", equalTo("RESOLVED")).body("resolution", equalTo("PUMP_REMOVED"));
        }
        conflict(as(Tokens.nurse()).body(Api.resolutionBody(NOTE)).post(Api.RESOLUTION, review), "flag-resolved");
    }

    // --- review tasks: resolved by a nurse --------------------------------------------------------------

    @Test
    void aNurseResolvesAPatencyReviewSayingWhatTheReviewFound() {
        String pumpId = Api.pumpFoundEmpty();
        String flagId = Api.openFlagOf(pumpId, "PATENCY_REVIEW");

        as(Tokens.nurse()).body(Api.resolutionBody("  " + NOTE + "  ")).post(Api.RESOLUTION, flagId).then()
                .log().ifValidationFails()
                .statusCode(200)
                .contentType("application/json")
                .body("id", equalTo(flagId))
                .body("kind", equalTo("PATENCY_REVIEW"))
                .body("status", equalTo("RESOLVED"))
                .body("resolution", equalTo("REVIEWED"))
                .body("resolvedBy", equalTo(Tokens.NURSE_UPN))
                .body("resolutionNote", equalTo(NOTE))
                .body("resolvedAt", notNullValue());

        as(Tokens.scheduler()).get(Api.FLAG, flagId).then()
                .body("status", equalTo("RESOLVED"))
                .body("resolvedBy", equalTo(Tokens.NURSE_UPN))
                .body("resolutionNote", equalTo(NOTE));
    }

    /** Raised by the scan on a chemotherapy hold's review day; resolved here like any review. */
    @Test
    void anAdminResolvesAChemotherapyHoldReview() {
        String pumpId = Api.pumpFilledAt(Api.daysAgo(1), "HEPARIN");
        Api.startChemoHold(pumpId, Api.today(), Api.today());
        scan.run();
        String flagId = Api.openFlagOf(pumpId, "CHEMO_HOLD_REVIEW");

        as(Tokens.admin()).body(Api.resolutionBody("Liver tests back to baseline: chemotherapy resumes."))
                .post(Api.RESOLUTION, flagId).then().log().ifValidationFails()
                .statusCode(200)
                .body("kind", equalTo("CHEMO_HOLD_REVIEW"))
                .body("status", equalTo("RESOLVED"))
                .body("resolution", equalTo("REVIEWED"))
                .body("resolvedBy", equalTo("admin.lee@clinic.test"))
                .body("resolutionNote", equalTo("Liver tests back to baseline: chemotherapy resumes."));
    }

    @Test
    void aResolvedReviewCannotBeResolvedAgain() {
        String pumpId = Api.pumpFoundEmpty();
        String flagId = Api.openFlagOf(pumpId, "PATENCY_REVIEW");
        as(Tokens.nurse()).body(Api.resolutionBody(NOTE)).post(Api.RESOLUTION, flagId).then().statusCode(200);
        Db.Snapshot before = snapshots.snapshot(pumpId);

        conflict(as(Tokens.admin()).body(Api.resolutionBody("Another note")).post(Api.RESOLUTION, flagId),
                "flag-resolved");

        before.assertNothingWritten();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"FLOW_DEVIATION", "NO_FLOW", "REFILL_OVERDUE"})
    void aFlagThatIsNotAReviewTaskIsResolvedByTheServiceOnly(String kind) {
        String pumpId = switch (kind) {
            case "FLOW_DEVIATION" -> Api.pumpWithFlowFlag();
            case "NO_FLOW" -> {
                String noFlow = Api.pumpFilledAt(Api.daysAgo(13), "CHEMOTHERAPY");
                Api.recordFill(noFlow, Api.fill(Api.daysAgo(1), "HEPARIN", Api.FULL_ML, Api.FULL_ML));
                yield noFlow;
            }
            default -> latePumpWithAnOpenFlag();
        };
        String flagId = Api.openFlagOf(pumpId, kind);
        Db.Snapshot before = snapshots.snapshot(pumpId);

        Api.problem(as(Tokens.nurse()).body(Api.resolutionBody(NOTE)).post(Api.RESOLUTION, flagId), 422,
                "flag-not-a-review-task");

        before.assertNothingWritten();
    }

    @ParameterizedTest(name = "note = {0}")
    @MethodSource("missingNotes")
    void aResolutionWithoutANoteIsInvalid(Object note) {
        String pumpId = Api.pumpFoundEmpty();
        String flagId = Api.openFlagOf(pumpId, "PATENCY_REVIEW");
        Db.Snapshot before = snapshots.snapshot(pumpId);

        invalid(as(Tokens.nurse()).body(Api.with(Api.resolutionBody(NOTE), "note", note)).post(Api.RESOLUTION, flagId),
                "note");

        before.assertNothingWritten();
    }

    static Stream<Object> missingNotes() {
        return Stream.of(Api.ABSENT, null, "", "   ", "n".repeat(2001));
    }

    @Test
    void aResolutionOfAnUnknownFlagIsNotFound() {
        Db.Snapshot before = snapshots.snapshot();

        notFound(as(Tokens.nurse()).body(Api.resolutionBody(NOTE)).post(Api.RESOLUTION, UUID.randomUUID()));

        before.assertNothingWritten();
    }

    /**
     * A removal being recorded holds its pump's lock until it resolves the pump's flags: a resolution
     * waits for it and then finds the review resolved, rather than writing a review over the removal.
     */
    @Test
    void aResolutionWaitsForARemovalInFlightAndThenFindsTheReviewResolved() throws Exception {
        String pumpId = Api.pumpFoundEmpty();
        String flagId = Api.openFlagOf(pumpId, "PATENCY_REVIEW");
        ExecutorService nurse = Executors.newSingleThreadExecutor();
        try (Connection removal = db.getConnection()) {
            removal.setAutoCommit(false);
            execute(removal, "select id from pump where id = ? for no key update", pumpId);
            Future<Response> resolution = nurse.submit(() ->
                    as(Tokens.nurse()).body(Api.resolutionBody(NOTE)).post(Api.RESOLUTION, flagId));
            awaitWaitingForThePump(resolution, "the resolution");
            execute(removal, "update flag set status = 'RESOLVED', resolution = 'PUMP_REMOVED', resolved_at = now(),"
                    + " version = version + 1 where pump_id = ? and status = 'OPEN'", pumpId);
            removal.commit();

            conflict(resolution.get(30, TimeUnit.SECONDS), "flag-resolved");
        } finally {
            nurse.shutdownNow();
        }
        as(Tokens.nurse()).get(Api.FLAG, flagId).then()
                .body("resolution", equalTo("PUMP_REMOVED")).body("resolvedBy", nullValue())
                .body("resolutionNote", nullValue());
    }

    private static ValidatableResponse openFlags(String pumpId) {
        return as(Tokens.nurse()).queryParam("pumpId", pumpId).queryParam("status", "OPEN").get(Api.FLAGS)
                .then().statusCode(200);
    }

    private void awaitWaitingForThePump(Future<Response> request, String what) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (request.isDone()) {
                throw new AssertionError(what + " did not wait for the change in flight: " + request.get().asString());
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
        throw new AssertionError(what + " never waited for the pump's lock");
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
