package org.haipump.pumps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.ABSENT;
import static org.haipump.support.Api.CHEMO_HOLD;
import static org.haipump.support.Api.CHEMO_HOLDS;
import static org.haipump.support.Api.CHEMO_HOLD_END;
import static org.haipump.support.Api.CHEMO_HOLD_REASON;
import static org.haipump.support.Api.FILLS;
import static org.haipump.support.Api.FULL_ML;
import static org.haipump.support.Api.IF_MATCH;
import static org.haipump.support.Api.PUMP;
import static org.haipump.support.Api.SCHEDULE;
import static org.haipump.support.Api.THERAPY_MODE;
import static org.haipump.support.Api.as;
import static org.haipump.support.Api.chemoHoldBody;
import static org.haipump.support.Api.conflict;
import static org.haipump.support.Api.daysAgo;
import static org.haipump.support.Api.etagOf;
import static org.haipump.support.Api.fill;
import static org.haipump.support.Api.invalid;
import static org.haipump.support.Api.malformed;
import static org.haipump.support.Api.notFound;
import static org.haipump.support.Api.preconditionFailed;
import static org.haipump.support.Api.ruleViolated;
import static org.haipump.support.Api.today;
import static org.haipump.support.Api.with;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.haipump.support.Api;
import org.haipump.support.Db;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Chemotherapy holds. Every test starts from a pump filled with heparin 13 days ago: chemotherapy
 * is due tomorrow, then heparin, and so on.
 */
@QuarkusTest
class ChemotherapyHoldApiTest {

    private static final String END_NOTE = "Liver tests back to baseline";

    @Inject
    Db db;

    @Inject
    HoldEvents events;

    private String pumpId;

    @BeforeEach
    void aPumpDueForChemotherapyTomorrow() {
        pumpId = Api.pumpFilledAt(daysAgo(13), "HEPARIN");
    }

    // --- starting -------------------------------------------------------------------------------

    @Test
    void startingAHoldAnswers201WithTheHoldAndItsLocation() {
        LocalDate reviewOn = today().plusDays(14);

        ExtractableResponse<Response> created = as(Tokens.nurse()).body(chemoHoldBody(today(), reviewOn))
                .post(CHEMO_HOLDS, pumpId).then().log().ifValidationFails()
                .statusCode(201)
                .body("id", notNullValue())
                .body("pumpId", equalTo(pumpId))
                .body("startsOn", equalTo(today().toString()))
                .body("reviewOn", equalTo(reviewOn.toString()))
                .body("reason", equalTo(CHEMO_HOLD_REASON))
                .body("status", equalTo("ACTIVE"))
                .body("createdBy", equalTo(Tokens.NURSE_UPN))
                .body("createdAt", notNullValue())
                .body("endsOn", nullValue())
                .body("endNote", nullValue())
                .body("endedBy", nullValue())
                .body("endedAt", nullValue())
                .extract();

        String holdId = created.path("id");
        assertThat(created.header("Location")).endsWith(CHEMO_HOLDS.replace("{id}", pumpId) + "/" + holdId);
        as(Tokens.scheduler()).get(created.header("Location")).then().statusCode(200).body("id", equalTo(holdId));
        assertThat(events.startedFor(pumpId)).extracting(ChemotherapyHoldStarted::holdId)
                .containsExactly(UUID.fromString(holdId));
    }

    @Test
    void whileChemotherapyIsHeldHeparinIsExpectedAndNoDeviation() {
        Api.startChemoHold(pumpId, today(), today().plusDays(14));

        as(Tokens.nurse()).get(PUMP, pumpId).then().body("nextRefill.drug", equalTo("HEPARIN"));
        as(Tokens.nurse()).body(fill(Api.now(), "HEPARIN", FULL_ML)).post(FILLS, pumpId).then()
                .log().ifValidationFails()
                .statusCode(201)
                .body("expectedDrug", equalTo("HEPARIN"))
                .body("deviation", equalTo(false));
    }

    @Test
    void aChemotherapyFillWhileHeldNeedsADeviationReason() {
        Api.startChemoHold(pumpId, today(), today().plusDays(14));
        Db.Snapshot before = db.snapshot(pumpId);

        ruleViolated(as(Tokens.nurse()).body(fill(Api.now(), "CHEMOTHERAPY", FULL_ML)).post(FILLS, pumpId),
                "deviation-reason-required", "deviationReason")
                .body("expectedDrug", equalTo("HEPARIN"));

        before.assertNothingWritten();
        as(Tokens.nurse()).body(with(fill(Api.now(), "CHEMOTHERAPY", FULL_ML), "deviationReason",
                        "Oncologist resumed FUDR at the visit"))
                .post(FILLS, pumpId).then().statusCode(201)
                .body("expectedDrug", equalTo("HEPARIN"))
                .body("deviation", equalTo(true));
    }

    @Test
    void theScheduleHoldsChemotherapyWhileTheHoldLastsAndResumesItOnceEnded() {
        String holdId = Api.startChemoHold(pumpId, today(), today().plusDays(14));

        as(Tokens.nurse()).queryParam("count", 3).get(SCHEDULE, pumpId).then().log().ifValidationFails()
                .body("items.drug", contains("HEPARIN", "HEPARIN", "HEPARIN"));

        Api.endChemoHold(pumpId, holdId);

        as(Tokens.nurse()).queryParam("count", 3).get(SCHEDULE, pumpId).then()
                .body("items.drug", contains("CHEMOTHERAPY", "HEPARIN", "CHEMOTHERAPY"));
    }

    @Test
    void aHoldStartingAfterTheNextRefillLeavesItAsItWas() {
        Api.startChemoHold(pumpId, today().plusDays(3), today().plusDays(14));

        as(Tokens.nurse()).get(PUMP, pumpId).then().body("nextRefill.drug", equalTo("CHEMOTHERAPY"));
        as(Tokens.nurse()).queryParam("count", 3).get(SCHEDULE, pumpId).then()
                .body("items.drug", contains("CHEMOTHERAPY", "HEPARIN", "HEPARIN"));
    }

    @Test
    void aPumpsHoldsAreListed() {
        String holdId = Api.startChemoHold(pumpId, today(), today().plusDays(14));

        as(Tokens.scheduler()).get(CHEMO_HOLDS, pumpId).then().log().ifValidationFails()
                .statusCode(200)
                .body("items.id", contains(holdId));
        as(Tokens.scheduler()).get(CHEMO_HOLDS, Api.newPump()).then().statusCode(200).body("items", empty());
    }

    @Test
    void aSecondHoldWhileOneLastsIsAConflict() {
        Api.startChemoHold(pumpId, today(), today().plusDays(14));
        Db.Snapshot before = db.snapshot(pumpId);

        conflict(as(Tokens.nurse()).body(chemoHoldBody(today().plusDays(2), today().plusDays(20)))
                .post(CHEMO_HOLDS, pumpId), "chemotherapy-hold-active");

        before.assertNothingWritten();
    }

    @Test
    void aNewHoldMayStartOnceTheLastOneEnded() {
        Api.endChemoHold(pumpId, Api.startChemoHold(pumpId, today(), today().plusDays(14)));

        as(Tokens.nurse()).body(chemoHoldBody(today(), today().plusDays(7))).post(CHEMO_HOLDS, pumpId)
                .then().log().ifValidationFails().statusCode(201);
        as(Tokens.nurse()).get(CHEMO_HOLDS, pumpId).then().body("items.status", contains("ENDED", "ACTIVE"));
    }

    @Test
    void aReviewBeforeTheStartIsInvalid() {
        Db.Snapshot before = db.snapshot(pumpId);

        invalid(as(Tokens.nurse()).body(chemoHoldBody(today().plusDays(3), today().plusDays(2)))
                .post(CHEMO_HOLDS, pumpId), "reviewOn");

        before.assertNothingWritten();
    }

    @Test
    void aHoldStartingInThePastBreaksTheRule() {
        Db.Snapshot before = db.snapshot(pumpId);

        ruleViolated(as(Tokens.nurse()).body(chemoHoldBody(today().minusDays(1), today().plusDays(14)))
                .post(CHEMO_HOLDS, pumpId), "hold-in-past", "startsOn");

        before.assertNothingWritten();
    }

    @ParameterizedTest(name = "starting in {0} days, reviewed in {1}: {2} too far ahead")
    @CsvSource({"366, 366, startsOn", "0, 366, reviewOn"})
    void aHoldOrAReviewMoreThanAYearAheadBreaksTheRule(int startsIn, int reviewedIn, String field) {
        Db.Snapshot before = db.snapshot(pumpId);

        ruleViolated(as(Tokens.nurse()).body(chemoHoldBody(today().plusDays(startsIn), today().plusDays(reviewedIn)))
                .post(CHEMO_HOLDS, pumpId), "hold-too-far-ahead", field);

        before.assertNothingWritten();
    }

    @ParameterizedTest
    @ValueSource(strings = {"startsOn", "reviewOn", "reason"})
    void aHoldNeedsItsDatesAndAReason(String field) {
        Map<String, Object> body = with(chemoHoldBody(today(), today().plusDays(14)), field, ABSENT);
        Db.Snapshot before = db.snapshot(pumpId);

        invalid(as(Tokens.nurse()).body(body).post(CHEMO_HOLDS, pumpId), field);

        before.assertNothingWritten();
    }

    @Test
    void aDateThatIsNoDateIsRefusedNamingTheField() {
        Db.Snapshot before = db.snapshot(pumpId);

        malformed(as(Tokens.nurse()).body(with(chemoHoldBody(today(), null), "reviewOn", "in two weeks"))
                .post(CHEMO_HOLDS, pumpId), "reviewOn");

        before.assertNothingWritten();
    }

    @Test
    void aRemovedPumpTakesNoHoldAndEndsNone() {
        String holdId = Api.startChemoHold(pumpId, today(), today().plusDays(14));
        Api.removePump(pumpId);
        Db.Snapshot before = db.snapshot(pumpId);

        conflict(as(Tokens.nurse()).body(chemoHoldBody(today(), today().plusDays(14))).post(CHEMO_HOLDS, pumpId),
                "pump-removed");
        conflict(as(Tokens.nurse()).body(Map.of()).post(CHEMO_HOLD_END, pumpId, holdId), "pump-removed");

        before.assertNothingWritten();
    }

    @Test
    void theHoldsOfAnUnknownPumpAreNotFound() {
        UUID unknown = UUID.randomUUID();
        Db.Snapshot before = db.snapshot();

        notFound(as(Tokens.nurse()).body(chemoHoldBody(today(), today().plusDays(14))).post(CHEMO_HOLDS, unknown));
        notFound(as(Tokens.nurse()).get(CHEMO_HOLDS, unknown));
        notFound(as(Tokens.nurse()).body(Map.of()).post(CHEMO_HOLD_END, unknown, UUID.randomUUID()));

        before.assertNothingWritten();
    }

    @Test
    void anUnknownHoldOrAnotherPumpsHoldIsNotFound() {
        String otherPump = Api.pumpFilledAt(daysAgo(13), "HEPARIN");
        String othersHold = Api.startChemoHold(otherPump, today(), today().plusDays(14));
        Db.Snapshot before = db.snapshot(pumpId, otherPump);

        notFound(as(Tokens.nurse()).get(CHEMO_HOLD, pumpId, UUID.randomUUID()));
        notFound(as(Tokens.nurse()).get(CHEMO_HOLD, pumpId, othersHold));
        notFound(as(Tokens.nurse()).body(Map.of()).post(CHEMO_HOLD_END, pumpId, UUID.randomUUID()));
        notFound(as(Tokens.nurse()).body(Map.of()).post(CHEMO_HOLD_END, pumpId, othersHold));

        before.assertNothingWritten();
    }

    // --- ending ---------------------------------------------------------------------------------

    @Test
    void endingAHoldTodayResumesChemotherapy() {
        String holdId = Api.startChemoHold(pumpId, today(), today().plusDays(14));

        as(Tokens.nurse()).body(Map.of()).post(CHEMO_HOLD_END, pumpId, holdId).then().log().ifValidationFails()
                .statusCode(200)
                .body("id", equalTo(holdId))
                .body("status", equalTo("ENDED"))
                .body("endsOn", equalTo(today().toString()))
                .body("endNote", nullValue())
                .body("endedBy", equalTo(Tokens.NURSE_UPN))
                .body("endedAt", notNullValue());

        as(Tokens.nurse()).get(PUMP, pumpId).then().body("nextRefill.drug", equalTo("CHEMOTHERAPY"));
        as(Tokens.scheduler()).get(CHEMO_HOLD, pumpId, holdId).then().body("status", equalTo("ENDED"));
        assertThat(events.endedFor(pumpId)).extracting(ChemotherapyHoldEnded::holdId)
                .containsExactly(UUID.fromString(holdId));
    }

    @Test
    void aHoldEndsOnTheDayGivenWithItsNote() {
        String holdId = Api.startChemoHold(pumpId, today(), today().plusDays(14));

        as(Tokens.admin()).body(Map.of("endsOn", today().toString(), "note", END_NOTE))
                .post(CHEMO_HOLD_END, pumpId, holdId).then().log().ifValidationFails()
                .statusCode(200)
                .body("endsOn", equalTo(today().toString()))
                .body("endNote", equalTo(END_NOTE));
    }

    @Test
    void aHoldNotStartedYetEndsOnItsFirstDayAndNeverTakesEffect() {
        LocalDate startsOn = today().plusDays(5);
        String holdId = Api.startChemoHold(pumpId, startsOn, startsOn.plusDays(7));

        as(Tokens.nurse()).body(Map.of()).post(CHEMO_HOLD_END, pumpId, holdId).then().log().ifValidationFails()
                .statusCode(200)
                .body("endsOn", equalTo(startsOn.toString()));
        as(Tokens.nurse()).queryParam("count", 3).get(SCHEDULE, pumpId).then()
                .body("items.drug", contains("CHEMOTHERAPY", "HEPARIN", "CHEMOTHERAPY"));
    }

    @Test
    void endingAnEndedHoldIsAConflict() {
        String holdId = Api.startChemoHold(pumpId, today(), today().plusDays(14));
        Api.endChemoHold(pumpId, holdId);
        Db.Snapshot before = db.snapshot(pumpId);

        conflict(as(Tokens.nurse()).body(Map.of()).post(CHEMO_HOLD_END, pumpId, holdId), "chemotherapy-hold-ended");

        before.assertNothingWritten();
    }

    @Test
    void anEndBeforeTheStartBreaksTheRule() {
        String holdId = Api.startChemoHold(pumpId, today().plusDays(5), today().plusDays(12));
        Db.Snapshot before = db.snapshot(pumpId);

        ruleViolated(as(Tokens.nurse()).body(Map.of("endsOn", today().toString())).post(CHEMO_HOLD_END, pumpId, holdId),
                "hold-end-before-start", "endsOn");

        before.assertNothingWritten();
    }

    @Test
    void anEndInTheFutureBreaksTheRule() {
        String holdId = Api.startChemoHold(pumpId, today(), today().plusDays(14));
        Db.Snapshot before = db.snapshot(pumpId);

        ruleViolated(as(Tokens.nurse()).body(Map.of("endsOn", today().plusDays(1).toString()))
                .post(CHEMO_HOLD_END, pumpId, holdId), "hold-end-in-future", "endsOn");

        before.assertNothingWritten();
    }

    @Test
    void anOverlongNoteIsInvalid() {
        String holdId = Api.startChemoHold(pumpId, today(), today().plusDays(14));
        Db.Snapshot before = db.snapshot(pumpId);

        invalid(as(Tokens.nurse()).body(Map.of("note", "x".repeat(2001))).post(CHEMO_HOLD_END, pumpId, holdId), "note");

        before.assertNothingWritten();
    }

    // --- If-Match on the pump -------------------------------------------------------------------

    @Test
    void startingAndEndingAHoldMoveThePumpsEntityTag() {
        String etag = etagOf(PUMP, pumpId);

        String holdId = as(Tokens.nurse()).header(IF_MATCH, etag).body(chemoHoldBody(today(), today().plusDays(14)))
                .post(CHEMO_HOLDS, pumpId).then().statusCode(201).extract().path("id");
        String afterStart = etagOf(PUMP, pumpId);
        as(Tokens.nurse()).header(IF_MATCH, afterStart).body(Map.of()).post(CHEMO_HOLD_END, pumpId, holdId)
                .then().statusCode(200);

        assertThat(afterStart).isNotEqualTo(etag);
        assertThat(etagOf(PUMP, pumpId)).isNotEqualTo(afterStart);
    }

    @Test
    void aStaleEntityTagStartsNothing() {
        String stale = staleEtag();
        Db.Snapshot before = db.snapshot(pumpId);

        preconditionFailed(as(Tokens.nurse()).header(IF_MATCH, stale).body(chemoHoldBody(today(), today().plusDays(14)))
                .post(CHEMO_HOLDS, pumpId));

        before.assertNothingWritten();
    }

    @Test
    void aStaleEntityTagEndsNothing() {
        String holdId = Api.startChemoHold(pumpId, today(), today().plusDays(14));
        String stale = staleEtag();
        Db.Snapshot before = db.snapshot(pumpId);

        preconditionFailed(as(Tokens.nurse()).header(IF_MATCH, stale).body(Map.of())
                .post(CHEMO_HOLD_END, pumpId, holdId));

        before.assertNothingWritten();
    }

    /** The pump's entity tag before a change made since. */
    private String staleEtag() {
        String stale = etagOf(PUMP, pumpId);
        as(Tokens.nurse()).body(Map.of("mode", "MAINTENANCE")).post(THERAPY_MODE, pumpId).then().statusCode(200);
        return stale;
    }
}
