package org.haipump.fills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.ABSENT;
import static org.haipump.support.Api.APPOINTMENT;
import static org.haipump.support.Api.FILL;
import static org.haipump.support.Api.FILLS;
import static org.haipump.support.Api.FLAGS;
import static org.haipump.support.Api.FULL_ML;
import static org.haipump.support.Api.FUTURE_TOLERANCE;
import static org.haipump.support.Api.GLYCEROL_INTERVAL;
import static org.haipump.support.Api.IMPLANTED_ON;
import static org.haipump.support.Api.PUMP;
import static org.haipump.support.Api.REFILL_INTERVAL;
import static org.haipump.support.Api.RESERVE;
import static org.haipump.support.Api.ZONE;
import static org.haipump.support.Api.as;
import static org.haipump.support.Api.conflict;
import static org.haipump.support.Api.daysAgo;
import static org.haipump.support.Api.decimal;
import static org.haipump.support.Api.fill;
import static org.haipump.support.Api.invalid;
import static org.haipump.support.Api.malformed;
import static org.haipump.support.Api.notFound;
import static org.haipump.support.Api.ruleViolated;
import static org.haipump.support.Api.sameInstant;
import static org.haipump.support.Api.with;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.haipump.support.Api;
import org.haipump.support.Db;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Recording fills: what the answer says, which fills the rules refuse, and what a fill changes. */
@QuarkusTest
class FillApiTest {

    private static final String DEVIATION_REASON = "Liver tests rose: chemotherapy held.";
    private static final String NOTES = "Needle 22G, site clean.";
    private static final double RESIDUAL_ML = 2.0;
    /** Twelve days between the fixtures' two fills: measured flows come out round. */
    private static final Duration TWELVE_DAYS = Duration.ofDays(12);
    private static final String FLOW_FLAGS = "items.findAll { it.kind == 'FLOW_DEVIATION' }";
    private static final String NO_FLOW_FLAGS = "items.findAll { it.kind == 'NO_FLOW' }";
    private static final String PATENCY_REVIEWS = "items.findAll { it.kind == 'PATENCY_REVIEW' }";

    @Inject
    Db db;

    // --- the answer -------------------------------------------------------------------------------

    @Test
    void recordingAFillAnswers201WithTheFillAndThePumpsNextRefill() {
        String pumpId = Api.newPump();
        Instant performedAt = daysAgo(1);
        Map<String, Object> body = fill(performedAt, "CHEMOTHERAPY", FULL_ML, RESIDUAL_ML);
        body.put("notes", NOTES);
        Instant dueAt = performedAt.plus(REFILL_INTERVAL);

        ExtractableResponse<Response> created = as(Tokens.nurse()).body(body).post(FILLS, pumpId)
                .then().log().ifValidationFails()
                .statusCode(201)
                .contentType(ContentType.JSON)
                .body("id", notNullValue())
                .body("pumpId", equalTo(pumpId))
                .body("performedAt", sameInstant(performedAt))
                .body("drug", equalTo("CHEMOTHERAPY"))
                .body("volumeMl", decimal(FULL_ML))
                .body("residualVolumeMl", decimal(RESIDUAL_ML))
                .body("notes", equalTo(NOTES))
                .body("recordedBy", equalTo(Tokens.NURSE_UPN))
                .body("recordedAt", notNullValue())
                .body("nextRefill.dueAt", sameInstant(dueAt))
                .body("nextRefill.reserveEndsAt", sameInstant(dueAt.plus(RESERVE)))
                .body("nextRefill.drug", equalTo("HEPARIN"))
                .body("nextRefill.status", equalTo("UPCOMING"))
                .body("nextRefill.predictedEmptyAt", sameInstant(performedAt.plus(Duration.ofDays(20))))
                .extract();

        String fillId = created.path("id");
        assertThat(created.header("Location")).endsWith(FILLS.replace("{id}", pumpId) + "/" + fillId);
        as(Tokens.scheduler()).get(created.header("Location")).then().statusCode(200)
                .body("id", equalTo(fillId))
                .body("notes", equalTo(NOTES));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CHEMOTHERAPY", "HEPARIN", "GLYCEROL"})
    void aPumpsFirstFillMayBeAnyDrugAndIsNoDeviation(String drug) {
        String pumpId = Api.newPump();

        as(Tokens.nurse()).body(fill(daysAgo(1), drug, FULL_ML)).post(FILLS, pumpId).then().log().ifValidationFails()
                .statusCode(201)
                .body("drug", equalTo(drug))
                .body("expectedDrug", nullValue())
                .body("deviation", equalTo(false))
                .body("measuredFlowRateMlPerDay", nullValue())
                .body("flowDeviationPercent", nullValue());
    }

    @Test
    void aGlycerolFillLastsEightWeeksAndChemotherapyFollows() {
        String pumpId = Api.newPump();
        Instant performedAt = daysAgo(1);

        as(Tokens.nurse()).body(fill(performedAt, "GLYCEROL", FULL_ML)).post(FILLS, pumpId).then()
                .statusCode(201)
                .body("nextRefill.dueAt", sameInstant(performedAt.plus(GLYCEROL_INTERVAL)))
                .body("nextRefill.drug", equalTo("CHEMOTHERAPY"))
                .body("nextRefill.predictedEmptyAt", nullValue());
    }

    @Test
    void theExpectedDrugIsRecordedAndFillingItIsNoDeviation() {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "CHEMOTHERAPY");

        as(Tokens.nurse()).body(fill(Api.now(), "HEPARIN", FULL_ML)).post(FILLS, pumpId).then()
                .statusCode(201)
                .body("expectedDrug", equalTo("HEPARIN"))
                .body("deviation", equalTo(false))
                .body("nextRefill.drug", equalTo("CHEMOTHERAPY"));
    }

    @Test
    void aFillWithinFiveMinutesAheadOfTheClockIsAccepted() {
        String pumpId = Api.newPump();
        Instant performedAt = Api.now().plus(FUTURE_TOLERANCE).minus(Duration.ofMinutes(1));

        as(Tokens.nurse()).body(fill(performedAt, "CHEMOTHERAPY", FULL_ML)).post(FILLS, pumpId).then()
                .statusCode(201)
                .body("performedAt", sameInstant(performedAt));
    }

    // --- deviation from the expected drug ---------------------------------------------------------

    @ParameterizedTest(name = "deviationReason = {0}")
    @MethodSource("missingReasons")
    void anotherDrugThanTheExpectedOneNeedsADeviationReason(Object reason) {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "CHEMOTHERAPY");
        Map<String, Object> body = with(fill(Api.now(), "CHEMOTHERAPY", FULL_ML), "deviationReason", reason);
        Db.Snapshot before = db.snapshot(pumpId);

        ruleViolated(as(Tokens.nurse()).body(body).post(FILLS, pumpId), "deviation-reason-required", "deviationReason")
                .body("expectedDrug", equalTo("HEPARIN"));

        before.assertNothingWritten();
    }

    static Stream<Object> missingReasons() {
        return Stream.of(ABSENT, null, "", "   ");
    }

    @Test
    void anotherDrugWithAReasonIsAcceptedAndMarkedAsADeviationForever() {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "CHEMOTHERAPY");
        Map<String, Object> body = with(fill(Api.now(), "CHEMOTHERAPY", FULL_ML), "deviationReason", DEVIATION_REASON);

        String fillId = as(Tokens.nurse()).body(body).post(FILLS, pumpId).then().log().ifValidationFails()
                .statusCode(201)
                .body("drug", equalTo("CHEMOTHERAPY"))
                .body("expectedDrug", equalTo("HEPARIN"))
                .body("deviation", equalTo(true))
                .body("deviationReason", equalTo(DEVIATION_REASON))
                .extract().path("id");

        as(Tokens.scheduler()).get(FILL, pumpId, fillId).then().statusCode(200)
                .body("deviation", equalTo(true))
                .body("expectedDrug", equalTo("HEPARIN"))
                .body("deviationReason", equalTo(DEVIATION_REASON));
    }

    // --- measured flow ----------------------------------------------------------------------------

    @Test
    void theMeasuredFlowCountsElapsedTimeInFractionalDays() {
        Instant first = daysAgo(13);
        String pumpId = Api.pumpFilledAt(first, "CHEMOTHERAPY");
        Instant second = first.plus(TWELVE_DAYS).plus(Duration.ofHours(12));
        // 18.75 mL in 12.5 days is the nominal 1.5 mL/day; in whole days it would read 4 % fast.
        double residual = FULL_ML - 18.75;

        as(Tokens.nurse()).body(fill(second, "HEPARIN", FULL_ML, residual)).post(FILLS, pumpId).then()
                .log().ifValidationFails()
                .statusCode(201)
                .body("measuredFlowRateMlPerDay", decimal(1.5))
                .body("flowDeviationPercent", decimal(0.0))
                .body("nextRefill.predictedEmptyAt", sameInstant(second.plus(Duration.ofDays(20))));
        as(Tokens.nurse()).queryParam("pumpId", pumpId).get(FLAGS).then().body(FLOW_FLAGS, empty());
    }

    @ParameterizedTest(name = "residual {0} mL: {1} mL/day, {2} %, {3}")
    @CsvSource({"6, 2.0, 33.3, FAST", "18, 1.0, -33.3, SLOW"})
    void aFlowMoreThanFifteenPercentOffNominalRaisesAFlowFlagWithItsDirection(double residual, double rate,
            double percent, String direction) {
        Instant first = daysAgo(13);
        String pumpId = Api.pumpFilledAt(first, "CHEMOTHERAPY");
        Instant second = first.plus(TWELVE_DAYS);

        String fillId = as(Tokens.nurse()).body(fill(second, "HEPARIN", FULL_ML, residual)).post(FILLS, pumpId)
                .then().log().ifValidationFails()
                .statusCode(201)
                .body("measuredFlowRateMlPerDay", decimal(rate))
                .body("flowDeviationPercent", decimal(percent))
                .body("measuredFlowIsLowerBound", equalTo(false))
                .body("nextRefill.predictedEmptyAt", sameInstant(second.plus(Duration.ofDays((long) (FULL_ML / rate)))))
                .extract().path("id");

        as(Tokens.nurse()).queryParam("pumpId", pumpId).get(FLAGS).then().log().ifValidationFails()
                .statusCode(200)
                .body(FLOW_FLAGS + ".fillId", contains(fillId))
                .body(FLOW_FLAGS + ".level", contains("WARNING"))
                .body(FLOW_FLAGS + ".direction", contains(direction))
                .body(FLOW_FLAGS + ".status", contains("OPEN"));
        as(Tokens.nurse()).get(PUMP, pumpId).then().body("latestMeasuredFlowRateMlPerDay", decimal(rate));
    }

    /** 2 mL/day: 30 mL last 15 days, so the refill falls due two days before, on day 13 instead of 14. */
    @Test
    void aFastFlowFlagSaysWhenThePumpRunsDryAndWhereTheRefillMoved() {
        Instant first = daysAgo(13);
        String pumpId = Api.pumpFilledAt(first, "CHEMOTHERAPY");
        Instant second = first.plus(TWELVE_DAYS);
        Instant emptyAt = second.plus(Duration.ofDays(15));
        Instant dueAt = second.plus(Duration.ofDays(13));

        as(Tokens.nurse()).body(fill(second, "HEPARIN", FULL_ML, Api.FAST_FLOW_RESIDUAL_ML)).post(FILLS, pumpId)
                .then().statusCode(201)
                .body("nextRefill.dueAt", sameInstant(dueAt))
                .body("nextRefill.basis", equalTo("FLOW"));

        as(Tokens.nurse()).queryParam("pumpId", pumpId).get(FLAGS).then().log().ifValidationFails()
                .body(FLOW_FLAGS + ".detail", contains("Measured flow deviates +33.3% from the nominal rate. Runs fast:"
                        + " predicted empty at " + emptyAt + ", refill due moved to " + dueAt + "."));
    }

    /** 1.8 mL/day, 20 % fast: 30 mL still last 16 days 16 hours, beyond the interval and its reserve. */
    @Test
    void aFastFlowFlagSaysTheRefillStaysWhenTheIntervalEndsFirst() {
        Instant first = daysAgo(13);
        String pumpId = Api.pumpFilledAt(first, "CHEMOTHERAPY");
        Instant second = first.plus(TWELVE_DAYS);
        Instant emptyAt = second.plus(Duration.ofDays(16)).plus(Duration.ofHours(16));
        Instant dueAt = second.plus(REFILL_INTERVAL);

        as(Tokens.nurse()).body(fill(second, "HEPARIN", FULL_ML, 8.4)).post(FILLS, pumpId)
                .then().statusCode(201)
                .body("flowDeviationPercent", decimal(20.0))
                .body("nextRefill.basis", equalTo("INTERVAL"));

        as(Tokens.nurse()).queryParam("pumpId", pumpId).get(FLAGS).then().log().ifValidationFails()
                .body(FLOW_FLAGS + ".direction", contains("FAST"))
                .body(FLOW_FLAGS + ".detail", contains("Measured flow deviates +20.0% from the nominal rate. Runs fast:"
                        + " predicted empty at " + emptyAt + ", refill due at " + dueAt + "."));
    }

    @Test
    void aSlowFlowFlagSuspectsAnOcclusion() {
        Instant first = daysAgo(13);
        String pumpId = Api.pumpFilledAt(first, "CHEMOTHERAPY");

        Api.recordFill(pumpId, fill(first.plus(TWELVE_DAYS), "HEPARIN", FULL_ML, 18.0));

        as(Tokens.nurse()).queryParam("pumpId", pumpId).get(FLAGS).then().log().ifValidationFails()
                .body(FLOW_FLAGS + ".direction", contains("SLOW"))
                .body(FLOW_FLAGS + ".detail", contains(
                        "Measured flow deviates -33.3% from the nominal rate. Runs slow: possible catheter occlusion."));
    }

    @Test
    void aFlowWithinToleranceRaisesNoFlag() {
        Instant first = daysAgo(13);
        String pumpId = Api.pumpFilledAt(first, "CHEMOTHERAPY");
        // 19.8 mL in 12 days: 1.65 mL/day, 10 % fast.
        double residual = FULL_ML - 19.8;

        as(Tokens.nurse()).body(fill(first.plus(TWELVE_DAYS), "HEPARIN", FULL_ML, residual)).post(FILLS, pumpId)
                .then().statusCode(201)
                .body("measuredFlowRateMlPerDay", decimal(1.65))
                .body("flowDeviationPercent", decimal(10.0));
        as(Tokens.nurse()).queryParam("pumpId", pumpId).get(FLAGS).then().body(FLOW_FLAGS, empty());
    }

    @Test
    void noFlowIsMeasuredWithoutAResidual() {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "CHEMOTHERAPY");

        as(Tokens.nurse()).body(fill(Api.now(), "HEPARIN", FULL_ML)).post(FILLS, pumpId).then()
                .statusCode(201)
                .body("measuredFlowRateMlPerDay", nullValue())
                .body("flowDeviationPercent", nullValue());
    }

    @Test
    void noFlowIsMeasuredAfterAGlycerolFill() {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "GLYCEROL");

        as(Tokens.nurse()).body(fill(Api.now(), "CHEMOTHERAPY", FULL_ML, Api.FAST_FLOW_RESIDUAL_ML))
                .post(FILLS, pumpId).then()
                .statusCode(201)
                .body("expectedDrug", equalTo("CHEMOTHERAPY"))
                .body("measuredFlowRateMlPerDay", nullValue())
                .body("flowDeviationPercent", nullValue());
        as(Tokens.nurse()).queryParam("pumpId", pumpId).get(FLAGS).then().body(FLOW_FLAGS, empty());
    }

    // --- the pump that did not flow, the pump found empty, the fill after the reserve ----------------

    @ParameterizedTest(name = "{1} mL withdrawn after a {0} mL fill")
    @CsvSource({"30, 30", "20, 20", "20, 25", "20, 30"})
    void aResidualAtOrAboveThePreviousVolumeIsAcceptedAsAPumpThatDidNotFlow(double previousMl, double residualMl) {
        Instant first = daysAgo(13);
        String pumpId = Api.pumpFilledAt(Api.registerPatient(), first, "CHEMOTHERAPY", previousMl);
        Instant second = first.plus(TWELVE_DAYS);

        String fillId = as(Tokens.nurse()).body(fill(second, "HEPARIN", FULL_ML, residualMl)).post(FILLS, pumpId)
                .then().log().ifValidationFails()
                .statusCode(201)
                .body("residualVolumeMl", decimal(residualMl))
                .body("measuredFlowRateMlPerDay", decimal(0.0))
                .body("flowDeviationPercent", decimal(-100.0))
                .body("measuredFlowIsLowerBound", equalTo(false))
                .extract().path("id");

        as(Tokens.nurse()).queryParam("pumpId", pumpId).get(FLAGS).then().log().ifValidationFails()
                .body(NO_FLOW_FLAGS + ".fillId", contains(fillId))
                .body(NO_FLOW_FLAGS + ".level", contains("CRITICAL"))
                .body(NO_FLOW_FLAGS + ".status", contains("OPEN"))
                .body(NO_FLOW_FLAGS + ".direction", contains(nullValue()))
                .body(NO_FLOW_FLAGS + ".detail", contains("The pump did not deliver: at least what the previous fill"
                        + " put in was withdrawn. Suspected occlusion: flow study before chemotherapy."))
                .body(FLOW_FLAGS, empty())
                .body(PATENCY_REVIEWS, empty());
    }

    /**
     * A pump that did not flow is predicted at its nominal rate again, not at the 2 mL/day measured
     * before it stopped, nor at its measured 0 (which would never run dry).
     */
    @Test
    void aPumpThatDidNotFlowIsPredictedAtItsNominalRate() {
        String pumpId = Api.pumpWithFlowFlag();
        Instant performedAt = Api.now();

        as(Tokens.nurse()).body(fill(performedAt, "CHEMOTHERAPY", FULL_ML, FULL_ML)).post(FILLS, pumpId).then()
                .statusCode(201)
                .body("nextRefill.predictedEmptyAt", sameInstant(performedAt.plus(Duration.ofDays(20))));

        as(Tokens.nurse()).get(PUMP, pumpId).then().log().ifValidationFails()
                .body("latestMeasuredFlowRateMlPerDay", nullValue())
                .body("nextRefill.predictedEmptyAt", sameInstant(performedAt.plus(Duration.ofDays(20))))
                .body("nextRefill.dueAt", sameInstant(performedAt.plus(REFILL_INTERVAL)))
                .body("nextRefill.basis", equalTo("INTERVAL"));
        // The no-flow flag replaces the fast one.
        as(Tokens.nurse()).queryParam("pumpId", pumpId).get(FLAGS).then()
                .body(FLOW_FLAGS + ".resolution", contains("SUPERSEDED"))
                .body(NO_FLOW_FLAGS + ".status", contains("OPEN"));
    }

    /** Found empty after 12 days: it ran at least 2.5 mL/day, faster than nominal, so predictions use 2.5. */
    @Test
    void aPumpFoundEmptyAsksForAPatencyReviewAndIsPredictedAtItsLowerBound() {
        Instant first = daysAgo(13);
        String pumpId = Api.pumpFilledAt(first, "CHEMOTHERAPY");
        Instant second = first.plus(TWELVE_DAYS);

        String fillId = as(Tokens.nurse()).body(fill(second, "HEPARIN", FULL_ML, 0.0)).post(FILLS, pumpId).then()
                .log().ifValidationFails()
                .statusCode(201)
                .body("measuredFlowRateMlPerDay", decimal(2.5))
                .body("flowDeviationPercent", decimal(66.7))
                .body("measuredFlowIsLowerBound", equalTo(true))
                .extract().path("id");

        as(Tokens.scheduler()).get(FILL, pumpId, fillId).then().body("measuredFlowIsLowerBound", equalTo(true));
        as(Tokens.nurse()).get(PUMP, pumpId).then().log().ifValidationFails()
                .body("latestMeasuredFlowRateMlPerDay", decimal(2.5))
                .body("nextRefill.predictedEmptyAt", sameInstant(second.plus(TWELVE_DAYS)))
                .body("nextRefill.dueAt", sameInstant(second.plus(Duration.ofDays(10))))
                .body("nextRefill.basis", equalTo("FLOW"));
        as(Tokens.nurse()).queryParam("pumpId", pumpId).get(FLAGS).then().log().ifValidationFails()
                .body(PATENCY_REVIEWS + ".fillId", contains(fillId))
                .body(PATENCY_REVIEWS + ".level", contains("WARNING"))
                .body(PATENCY_REVIEWS + ".status", contains("OPEN"))
                .body(PATENCY_REVIEWS + ".direction", contains(nullValue()))
                .body(PATENCY_REVIEWS + ".detail", contains("Found empty: the pump may have run dry; it ran at least"
                        + " 2.500 mL/day. Check catheter patency."))
                .body(FLOW_FLAGS, empty())
                .body(NO_FLOW_FLAGS, empty());
    }

    /**
     * Found empty 25 days after the previous fill, when its reserve had ended 9 days before: it ran
     * at least 1.2 mL/day, less than the nominal 1.5, so predictions use the nominal rate; one review
     * names both reasons.
     */
    @Test
    void aPumpFoundEmptyLongAfterItsReserveIsPredictedAtNoLessThanNominalWithOneReview() {
        Instant first = daysAgo(26);
        String pumpId = Api.pumpFilledAt(first, "CHEMOTHERAPY");
        Instant second = first.plus(Duration.ofDays(25));
        Instant reserveEndedAt = first.plus(REFILL_INTERVAL).plus(RESERVE);

        as(Tokens.nurse()).body(fill(second, "HEPARIN", FULL_ML, 0.0)).post(FILLS, pumpId).then()
                .log().ifValidationFails()
                .statusCode(201)
                .body("measuredFlowRateMlPerDay", decimal(1.2))
                .body("measuredFlowIsLowerBound", equalTo(true))
                .body("nextRefill.predictedEmptyAt", sameInstant(second.plus(Duration.ofDays(20))))
                .body("nextRefill.basis", equalTo("INTERVAL"));

        as(Tokens.nurse()).get(PUMP, pumpId).then()
                .body("nextRefill.predictedEmptyAt", sameInstant(second.plus(Duration.ofDays(20))));
        as(Tokens.nurse()).queryParam("pumpId", pumpId).get(FLAGS).then().log().ifValidationFails()
                .body(PATENCY_REVIEWS + ".detail", contains("Found empty: the pump may have run dry; it ran at least"
                        + " 1.200 mL/day. Filled after the reserve ended at " + reserveEndedAt
                        + ". Check catheter patency."));
    }

    @ParameterizedTest(name = "filled {0} s after the end of the reserve: a patency review {1}")
    @CsvSource({"-1, false", "0, true", "3600, true"})
    void aFillAtOrAfterTheEndOfTheReserveAsksForAPatencyReview(long secondsAfterReserveEnd, boolean review) {
        Instant first = daysAgo(17);
        String pumpId = Api.pumpFilledAt(first, "CHEMOTHERAPY");
        Instant reserveEndedAt = first.plus(REFILL_INTERVAL).plus(RESERVE);

        String fillId = Api.recordFill(pumpId, fill(reserveEndedAt.plusSeconds(secondsAfterReserveEnd), "HEPARIN",
                FULL_ML));

        as(Tokens.nurse()).queryParam("pumpId", pumpId).get(FLAGS).then().log().ifValidationFails()
                .body(PATENCY_REVIEWS + ".fillId", review ? contains(fillId) : empty())
                .body(PATENCY_REVIEWS + ".level", review ? contains("WARNING") : empty())
                .body(PATENCY_REVIEWS + ".detail", review
                        ? contains("Filled after the reserve ended at " + reserveEndedAt + ". Check catheter patency.")
                        : empty());
    }

    /** A pump never filled counts from an assumed implant fill, long past: its first fill is onboarding. */
    @Test
    void aPumpsFirstRecordedFillNeverAsksForAPatencyReviewForBeingLate() {
        String pumpId = Api.newPump();

        Api.recordFill(pumpId, fill(Api.now(), "CHEMOTHERAPY", FULL_ML));

        as(Tokens.nurse()).queryParam("pumpId", pumpId).get(FLAGS).then().log().ifValidationFails()
                .body(PATENCY_REVIEWS, empty());
    }

    // --- refusals ---------------------------------------------------------------------------------

    @Test
    void aFillMoreThanFiveMinutesInTheFutureBreaksTheRule() {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "CHEMOTHERAPY");
        Instant performedAt = Api.now().plus(FUTURE_TOLERANCE).plus(Duration.ofMinutes(1));
        Db.Snapshot before = db.snapshot(pumpId);

        ruleViolated(as(Tokens.nurse()).body(fill(performedAt, "HEPARIN", FULL_ML)).post(FILLS, pumpId),
                "fill-in-future", "performedAt");

        before.assertNothingWritten();
    }

    @ParameterizedTest(name = "{0} s after the latest fill")
    @ValueSource(ints = {0, -1, -86_400})
    void aFillNotAfterThePumpsLatestFillIsAConflict(int secondsAfterLatest) {
        Instant latest = daysAgo(13);
        String pumpId = Api.pumpFilledAt(latest, "CHEMOTHERAPY");
        Instant performedAt = latest.plusSeconds(secondsAfterLatest);
        Db.Snapshot before = db.snapshot(pumpId);

        conflict(as(Tokens.nurse()).body(fill(performedAt, "HEPARIN", FULL_ML)).post(FILLS, pumpId),
                "fill-not-after-latest", "performedAt")
                .body("latestFillAt", sameInstant(latest));

        before.assertNothingWritten();
    }

    @Test
    void aFillBeforeTheImplantBreaksTheRule() {
        String pumpId = Api.newPump();
        Instant dayBeforeImplant = IMPLANTED_ON.atStartOfDay(ZONE).toInstant().minusSeconds(1);
        Db.Snapshot before = db.snapshot(pumpId);

        ruleViolated(as(Tokens.nurse()).body(fill(dayBeforeImplant, "CHEMOTHERAPY", FULL_ML)).post(FILLS, pumpId),
                "fill-before-implant", "performedAt");

        before.assertNothingWritten();
    }

    static Stream<Arguments> invalidFills() {
        return Stream.of(
                Arguments.of("volumeMl", 0), Arguments.of("volumeMl", -5.0), Arguments.of("volumeMl", ABSENT),
                Arguments.of("volumeMl", 12.345), Arguments.of("volumeMl", 1000),
                Arguments.of("residualVolumeMl", -0.5),
                Arguments.of("performedAt", ABSENT), Arguments.of("drug", ABSENT), Arguments.of("drug", null),
                Arguments.of("deviationReason", "r".repeat(501)), Arguments.of("notes", "n".repeat(2001)));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidFills")
    void aMissingOrOutOfRangeFieldIsInvalid(String field, Object value) {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "CHEMOTHERAPY");
        Map<String, Object> body = with(fill(Api.now(), "HEPARIN", FULL_ML), field, value);
        Db.Snapshot before = db.snapshot(pumpId);

        invalid(as(Tokens.nurse()).body(body).post(FILLS, pumpId), field);

        before.assertNothingWritten();
    }

    @Test
    void aVolumeAboveTheReservoirBreaksTheRule() {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "CHEMOTHERAPY");
        Db.Snapshot before = db.snapshot(pumpId);

        ruleViolated(as(Tokens.nurse()).body(fill(Api.now(), "HEPARIN", Api.RESERVOIR_ML + 0.01)).post(FILLS, pumpId),
                "volume-above-reservoir", "volumeMl");

        before.assertNothingWritten();
    }

    @Test
    void aResidualAboveTheReservoirBreaksTheRule() {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "CHEMOTHERAPY");
        Db.Snapshot before = db.snapshot(pumpId);

        ruleViolated(as(Tokens.nurse()).body(fill(Api.now(), "HEPARIN", FULL_ML, Api.RESERVOIR_ML + 0.5))
                        .post(FILLS, pumpId),
                "residual-above-reservoir", "residualVolumeMl");

        before.assertNothingWritten();
    }

    @Test
    void aRemovedPumpTakesNoMoreFills() {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "CHEMOTHERAPY");
        Api.removePump(pumpId);
        Db.Snapshot before = db.snapshot(pumpId);

        conflict(as(Tokens.nurse()).body(fill(Api.now(), "HEPARIN", FULL_ML)).post(FILLS, pumpId), "pump-removed");

        before.assertNothingWritten();
    }

    @Test
    void aFillOfAnUnknownPumpIsNotFound() {
        Db.Snapshot before = db.snapshot();

        notFound(as(Tokens.nurse()).body(fill(Api.now(), "HEPARIN", FULL_ML)).post(FILLS, UUID.randomUUID()));

        before.assertNothingWritten();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "drug, ASPIRIN",
            "drug, heparin",
            "performedAt, yesterday",
            "performedAt, 2026-11-26 10:00",
            "volumeMl, lots",
            "appointmentId, not-a-uuid"})
    void aValueOfTheWrongTypeIsRefusedNamingTheField(String field, String value) {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "CHEMOTHERAPY");
        Map<String, Object> body = with(fill(Api.now(), "HEPARIN", FULL_ML), field, value);
        Db.Snapshot before = db.snapshot(pumpId);

        malformed(as(Tokens.nurse()).body(body).post(FILLS, pumpId), field);

        before.assertNothingWritten();
    }

    @Test
    void aVolumeGivenAsAnObjectIsRefusedNamingTheField() {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "CHEMOTHERAPY");
        Map<String, Object> body = with(fill(Api.now(), "HEPARIN", FULL_ML), "volumeMl", Map.of("ml", 30));
        Db.Snapshot before = db.snapshot(pumpId);

        malformed(as(Tokens.nurse()).body(body).post(FILLS, pumpId), "volumeMl");

        before.assertNothingWritten();
    }

    @Test
    void malformedJsonIsRefusedAsAProblem() {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "CHEMOTHERAPY");
        Db.Snapshot before = db.snapshot(pumpId);

        malformed(as(Tokens.nurse()).body("{\"performedAt\": \"" + Api.now() + "\", \"drug\": HEPARIN}")
                .post(FILLS, pumpId));

        before.assertNothingWritten();
    }

    // --- appointments -----------------------------------------------------------------------------

    @Test
    void aFillCompletesThePumpsOpenAppointment() {
        Instant performedAt = daysAgo(13);
        String pumpId = Api.pumpFilledAt(performedAt, "CHEMOTHERAPY");
        String appointmentId = Api.bookAppointment(pumpId, performedAt.plus(REFILL_INTERVAL));

        String fillId = as(Tokens.nurse()).body(fill(Api.now(), "HEPARIN", FULL_ML)).post(FILLS, pumpId).then()
                .statusCode(201)
                .body("appointmentId", equalTo(appointmentId))
                .extract().path("id");

        as(Tokens.scheduler()).get(APPOINTMENT, appointmentId).then().log().ifValidationFails()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("fillId", equalTo(fillId))
                .body("completedAt", notNullValue());
    }

    @Test
    void aFillMayNameTheOpenAppointmentItCompletes() {
        Instant performedAt = daysAgo(13);
        String pumpId = Api.pumpFilledAt(performedAt, "CHEMOTHERAPY");
        String appointmentId = Api.bookAppointment(pumpId, performedAt.plus(REFILL_INTERVAL));
        Map<String, Object> body = with(fill(Api.now(), "HEPARIN", FULL_ML), "appointmentId", appointmentId);

        as(Tokens.nurse()).body(body).post(FILLS, pumpId).then()
                .statusCode(201)
                .body("appointmentId", equalTo(appointmentId));
        as(Tokens.scheduler()).get(APPOINTMENT, appointmentId).then().body("status", equalTo("COMPLETED"));
    }

    @Test
    void aFillNamingAnUnknownAppointmentOrAnotherPumpsIsNotFound() {
        Instant performedAt = daysAgo(13);
        String pumpId = Api.pumpFilledAt(performedAt, "CHEMOTHERAPY");
        Api.bookAppointment(pumpId, performedAt.plus(REFILL_INTERVAL));
        String otherPumpId = Api.pumpFilledAt(performedAt, "CHEMOTHERAPY");
        String othersAppointment = Api.bookAppointment(otherPumpId, performedAt.plus(REFILL_INTERVAL));
        Db.Snapshot before = db.snapshot(pumpId);

        for (String appointmentId : List.of(UUID.randomUUID().toString(), othersAppointment)) {
            Map<String, Object> body = with(fill(Api.now(), "HEPARIN", FULL_ML), "appointmentId", appointmentId);
            notFound(as(Tokens.nurse()).body(body).post(FILLS, pumpId)).body("errors.field", hasItem("appointmentId"));
        }

        before.assertNothingWritten();
    }

    @Test
    void aFillNamingACancelledAppointmentOfThePumpConflicts() {
        Instant performedAt = daysAgo(13);
        String pumpId = Api.pumpFilledAt(performedAt, "CHEMOTHERAPY");
        String appointmentId = Api.bookAppointment(pumpId, performedAt.plus(REFILL_INTERVAL));
        as(Tokens.nurse()).body(Map.of("reason", "patient rebooked")).post(Api.CANCELLATION, appointmentId)
                .then().statusCode(200);
        Map<String, Object> body = with(fill(Api.now(), "HEPARIN", FULL_ML), "appointmentId", appointmentId);
        Db.Snapshot before = db.snapshot(pumpId);

        conflict(as(Tokens.nurse()).body(body).post(FILLS, pumpId), "appointment-not-open", "appointmentId");

        before.assertNothingWritten();
    }

    @Test
    void aFillWithoutAnOpenAppointmentCompletesNone() {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "CHEMOTHERAPY");

        as(Tokens.nurse()).body(fill(Api.now(), "HEPARIN", FULL_ML)).post(FILLS, pumpId).then()
                .statusCode(201)
                .body("appointmentId", nullValue());
    }

    // --- reading ----------------------------------------------------------------------------------

    @Test
    void aPumpsFillsAreListedNewestFirst() {
        Instant first = daysAgo(30);
        String pumpId = Api.newPumpImplantedLongAgo();
        String oldest = Api.recordFill(pumpId, fill(first, "CHEMOTHERAPY", FULL_ML));
        String middle = Api.recordFill(pumpId, fill(first.plus(REFILL_INTERVAL), "HEPARIN", FULL_ML));
        String newest = Api.recordFill(pumpId, fill(first.plus(REFILL_INTERVAL.multipliedBy(2)), "CHEMOTHERAPY",
                FULL_ML));
        Api.pumpFilledAt(daysAgo(1), "HEPARIN");

        as(Tokens.scheduler()).get(FILLS, pumpId).then().log().ifValidationFails()
                .statusCode(200)
                .body("items.id", contains(newest, middle, oldest))
                .body("items.drug", contains("CHEMOTHERAPY", "HEPARIN", "CHEMOTHERAPY"))
                .body("items.nextRefill", everyItem(nullValue()))
                .body("total", equalTo(3));
    }

    @Test
    void aPumpWithoutFillsListsNone() {
        as(Tokens.scheduler()).get(FILLS, Api.newPump()).then().statusCode(200).body("items", empty());
    }

    @Test
    void theFillsOfAnUnknownPumpAreNotFound() {
        notFound(as(Tokens.scheduler()).get(FILLS, UUID.randomUUID()));
    }

    @Test
    void aFillIsReadUnderItsPump() {
        Instant performedAt = daysAgo(13);
        String pumpId = Api.newPumpImplantedLongAgo();
        String fillId = Api.recordFill(pumpId, fill(performedAt, "HEPARIN", FULL_ML, RESIDUAL_ML));

        as(Tokens.scheduler()).get(FILL, pumpId, fillId).then().log().ifValidationFails()
                .statusCode(200)
                .body("id", equalTo(fillId))
                .body("pumpId", equalTo(pumpId))
                .body("performedAt", sameInstant(performedAt))
                .body("drug", equalTo("HEPARIN"))
                .body("volumeMl", decimal(FULL_ML))
                .body("residualVolumeMl", decimal(RESIDUAL_ML))
                .body("recordedBy", equalTo(Tokens.NURSE_UPN));
    }

    @Test
    void aFillIsNotFoundUnderAnotherPump() {
        String pumpId = Api.newPumpImplantedLongAgo();
        String fillId = Api.recordFill(pumpId, fill(daysAgo(13), "HEPARIN", FULL_ML));

        notFound(as(Tokens.scheduler()).get(FILL, Api.newPump(), fillId));
    }

    @Test
    void anUnknownFillIsNotFound() {
        notFound(as(Tokens.scheduler()).get(FILL, Api.newPump(), UUID.randomUUID()));
    }

    @Test
    void aMisspeltFieldIsRefusedNamingItRatherThanSilentlyDropped() {
        // Due tomorrow: the scheduled scan cannot flag it while the test compares the database.
        String pumpId = Api.pumpFilledAt(Api.daysAgo(13), "CHEMOTHERAPY");
        Db.Snapshot before = db.snapshot(pumpId);

        malformed(as(Tokens.nurse()).body(with(fill(Api.now(), "HEPARIN", FULL_ML), "residualVolume", 12))
                .post(FILLS, pumpId), "residualVolume");

        before.assertNothingWritten();
    }

    @Test
    void aMissingBodyIsRefusedNamingTheBody() {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "CHEMOTHERAPY");
        Db.Snapshot before = db.snapshot(pumpId);

        invalid(as(Tokens.nurse()).post(FILLS, pumpId), "body");

        before.assertNothingWritten();
    }
}
