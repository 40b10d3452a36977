package org.haipump.pumps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.ABSENT;
import static org.haipump.support.Api.FILLS;
import static org.haipump.support.Api.FULL_ML;
import static org.haipump.support.Api.GLYCEROL_INTERVAL;
import static org.haipump.support.Api.HOLDS;
import static org.haipump.support.Api.HOLD_CANCELLATION;
import static org.haipump.support.Api.IF_MATCH;
import static org.haipump.support.Api.PUMP;
import static org.haipump.support.Api.REFILL_INTERVAL;
import static org.haipump.support.Api.SCHEDULE;
import static org.haipump.support.Api.THERAPY_MODE;
import static org.haipump.support.Api.as;
import static org.haipump.support.Api.cancellationBody;
import static org.haipump.support.Api.conflict;
import static org.haipump.support.Api.daysAgo;
import static org.haipump.support.Api.etagOf;
import static org.haipump.support.Api.fill;
import static org.haipump.support.Api.holdBody;
import static org.haipump.support.Api.invalid;
import static org.haipump.support.Api.localDate;
import static org.haipump.support.Api.malformed;
import static org.haipump.support.Api.notFound;
import static org.haipump.support.Api.preconditionFailed;
import static org.haipump.support.Api.ruleViolated;
import static org.haipump.support.Api.sameInstant;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.haipump.support.Api;
import org.haipump.support.Db;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Glycerol holds. Every test starts from a pump filled with chemotherapy 13 days ago: its refills
 * fall due in 1 day (heparin), 15 days (chemotherapy), 29 days (heparin) and so on.
 */
@QuarkusTest
class GlycerolHoldApiTest {

    private static final String HOLD = HOLDS + "/{holdId}";
    private static final String GLYCEROL_DEVIATION = "Patient travels: glycerol as planned";
    private static final String TRIP_CALLED_OFF = "The trip was called off";
    /** An absence the glycerol fill at the second refill covers: it lasts 56 days from two days before departure. */
    private static final int COVERED_ABSENCE_DAYS = 50;
    private static final int LONGEST_ABSENCE_DAYS = 56;

    @Inject
    Db db;

    @Inject
    HoldEvents events;

    private Instant lastFillAt;
    private String pumpId;

    @BeforeEach
    void aPumpFilledWithChemotherapyThirteenDaysAgo() {
        lastFillAt = daysAgo(13);
        pumpId = Api.pumpFilledAt(lastFillAt, "CHEMOTHERAPY");
    }

    /** The due time of the pump's n-th refill from now, when nothing changes its drug. */
    private Instant refillDue(int n) {
        return lastFillAt.plus(REFILL_INTERVAL.multipliedBy(n));
    }

    /** Two days after the second refill: the second refill is the last one before departure. */
    private LocalDate departureAfterSecondRefill() {
        return localDate(refillDue(2).plus(Duration.ofDays(2)));
    }

    /** The day after the first refill: the first refill is the last one before departure. */
    private LocalDate departureAfterFirstRefill() {
        return localDate(refillDue(1).plus(Duration.ofDays(1)));
    }

    @Test
    void planningAHoldAnswers201WithTheRefillThatBecomesGlycerol() {
        LocalDate departOn = departureAfterSecondRefill();
        LocalDate returnOn = departOn.plusDays(COVERED_ABSENCE_DAYS);

        ExtractableResponse<Response> created = as(Tokens.scheduler()).body(holdBody(departOn, returnOn))
                .post(HOLDS, pumpId).then().log().ifValidationFails()
                .statusCode(201)
                .body("id", notNullValue())
                .body("pumpId", equalTo(pumpId))
                .body("departOn", equalTo(departOn.toString()))
                .body("returnOn", equalTo(returnOn.toString()))
                .body("plannedRefillDueAt", sameInstant(refillDue(2)))
                .body("coversUntil", equalTo(localDate(refillDue(2).plus(GLYCEROL_INTERVAL)).toString()))
                .body("createdBy", notNullValue())
                .body("createdAt", notNullValue())
                .body("status", equalTo("PLANNED"))
                .body("glycerolFillId", nullValue())
                .body("cancelledAt", nullValue())
                .body("cancelledBy", nullValue())
                .body("cancellationReason", nullValue())
                .extract();

        String holdId = created.path("id");
        assertThat(created.header("Location")).endsWith(HOLDS.replace("{id}", pumpId) + "/" + holdId);
        as(Tokens.nurse()).get(created.header("Location")).then().statusCode(200).body("id", equalTo(holdId));
        assertThat(events.plannedFor(pumpId)).extracting(GlycerolHoldPlanned::holdId)
                .containsExactly(UUID.fromString(holdId));
    }

    @Test
    void aPumpsHoldsAreListed() {
        String holdId = Api.planHold(pumpId, departureAfterSecondRefill(),
                departureAfterSecondRefill().plusDays(COVERED_ABSENCE_DAYS));

        as(Tokens.nurse()).get(HOLDS, pumpId).then().log().ifValidationFails()
                .statusCode(200)
                .body("items.id", contains(holdId));
        as(Tokens.nurse()).get(HOLDS, Api.newPump()).then().statusCode(200).body("items", empty());
    }

    @Test
    void theScheduleHonoursAHold() {
        Api.planHold(pumpId, departureAfterSecondRefill(), departureAfterSecondRefill().plusDays(COVERED_ABSENCE_DAYS));
        Instant afterGlycerol = refillDue(2).plus(GLYCEROL_INTERVAL);

        as(Tokens.nurse()).queryParam("count", 4).get(SCHEDULE, pumpId).then().log().ifValidationFails()
                .statusCode(200)
                .body("items.drug", contains("HEPARIN", "GLYCEROL", "CHEMOTHERAPY", "HEPARIN"))
                .body("items[1].dueAt", sameInstant(refillDue(2)))
                .body("items[2].dueAt", sameInstant(afterGlycerol))
                .body("items[3].dueAt", sameInstant(afterGlycerol.plus(REFILL_INTERVAL)));
    }

    @Test
    void theNextRefillBeforeADepartureExpectsGlycerol() {
        Api.planHold(pumpId, departureAfterFirstRefill(), departureAfterFirstRefill().plusDays(COVERED_ABSENCE_DAYS));

        as(Tokens.nurse()).get(PUMP, pumpId).then().statusCode(200).body("nextRefill.drug", equalTo("GLYCEROL"));
        Instant performedAt = Api.now();
        as(Tokens.nurse()).body(fill(performedAt, "GLYCEROL", FULL_ML)).post(FILLS, pumpId).then()
                .log().ifValidationFails()
                .statusCode(201)
                .body("expectedDrug", equalTo("GLYCEROL"))
                .body("deviation", equalTo(false))
                .body("nextRefill.dueAt", sameInstant(performedAt.plus(GLYCEROL_INTERVAL)))
                .body("nextRefill.drug", equalTo("CHEMOTHERAPY"));
    }

    @Test
    void theUsualDrugBeforeAPlannedGlycerolFillIsADeviation() {
        Api.planHold(pumpId, departureAfterFirstRefill(), departureAfterFirstRefill().plusDays(COVERED_ABSENCE_DAYS));
        Db.Snapshot before = db.snapshot(pumpId);

        ruleViolated(as(Tokens.nurse()).body(fill(Api.now(), "HEPARIN", FULL_ML)).post(FILLS, pumpId),
                "deviation-reason-required", "deviationReason")
                .body("expectedDrug", equalTo("GLYCEROL"));

        before.assertNothingWritten();
        as(Tokens.nurse()).body(with(fill(Api.now(), "HEPARIN", FULL_ML), "deviationReason", GLYCEROL_DEVIATION))
                .post(FILLS, pumpId).then().statusCode(201)
                .body("expectedDrug", equalTo("GLYCEROL"))
                .body("deviation", equalTo(true));
    }

    @Test
    void anAbsenceLongerThanOneGlycerolFillBreaksTheRule() {
        LocalDate departOn = departureAfterSecondRefill();
        Db.Snapshot before = db.snapshot(pumpId);

        ruleViolated(as(Tokens.scheduler()).body(holdBody(departOn, departOn.plusDays(LONGEST_ABSENCE_DAYS + 1)))
                .post(HOLDS, pumpId), "absence-too-long", "returnOn");

        before.assertNothingWritten();
    }

    @Test
    void anAbsenceTheGlycerolFillDoesNotLastForBreaksTheRule() {
        LocalDate departOn = departureAfterSecondRefill();
        Db.Snapshot before = db.snapshot(pumpId);

        // The glycerol fill happens two days before departure, so it runs out two days before a
        // return 56 days after departure (and the return day must end two days before it runs out).
        ruleViolated(as(Tokens.scheduler()).body(holdBody(departOn, departOn.plusDays(LONGEST_ABSENCE_DAYS)))
                .post(HOLDS, pumpId), "hold-not-covered", "returnOn")
                .body("glycerolRefillDueAt", sameInstant(refillDue(2)));

        before.assertNothingWritten();
    }

    @Test
    void aHoldDepartingInThePastBreaksTheRule() {
        Db.Snapshot before = db.snapshot(pumpId);

        ruleViolated(as(Tokens.scheduler()).body(holdBody(today().minusDays(1), today().plusDays(10)))
                .post(HOLDS, pumpId), "hold-in-past", "departOn");

        before.assertNothingWritten();
    }

    @Test
    void aHoldDepartingBeforeTheNextRefillBreaksTheRule() {
        LocalDate departOn = localDate(refillDue(1)).minusDays(1);
        Db.Snapshot before = db.snapshot(pumpId);

        ruleViolated(as(Tokens.scheduler()).body(holdBody(departOn, departOn.plusDays(10))).post(HOLDS, pumpId),
                "no-refill-before-departure", "departOn");

        before.assertNothingWritten();
    }

    @Test
    void aHoldForAPumpWithoutFillsIsPlannedFromItsImplantFill() {
        // implanted twelve days ago: the implant fill's refill, due in two days, becomes glycerol
        String emptyPump = Api.newPump();
        Instant implantDue = Api.IMPLANTED_ON.atStartOfDay(Api.ZONE).toInstant().plus(Api.REFILL_INTERVAL);

        as(Tokens.scheduler()).body(holdBody(today().plusDays(5), today().plusDays(30))).post(HOLDS, emptyPump)
                .then().log().ifValidationFails().statusCode(201)
                .body("plannedRefillDueAt", Api.sameInstant(implantDue));
    }

    @Test
    void overlappingHoldsAreAConflict() {
        LocalDate departOn = departureAfterSecondRefill();
        Api.planHold(pumpId, departOn, departOn.plusDays(COVERED_ABSENCE_DAYS));
        Db.Snapshot before = db.snapshot(pumpId);

        conflict(as(Tokens.scheduler()).body(holdBody(departOn.plusDays(COVERED_ABSENCE_DAYS),
                departOn.plusDays(COVERED_ABSENCE_DAYS + 10))).post(HOLDS, pumpId), "hold-overlaps");

        before.assertNothingWritten();
    }

    @ParameterizedTest(name = "return {0} days after departure")
    @ValueSource(ints = {0, -1})
    void aReturnNotAfterTheDepartureIsInvalid(int days) {
        LocalDate departOn = departureAfterSecondRefill();
        Db.Snapshot before = db.snapshot(pumpId);

        invalid(as(Tokens.scheduler()).body(holdBody(departOn, departOn.plusDays(days))).post(HOLDS, pumpId),
                "returnOn");

        before.assertNothingWritten();
    }

    @ParameterizedTest
    @ValueSource(strings = {"departOn", "returnOn"})
    void aHoldNeedsBothDates(String field) {
        LocalDate departOn = departureAfterSecondRefill();
        Map<String, Object> body = with(holdBody(departOn, departOn.plusDays(10)), field, ABSENT);
        Db.Snapshot before = db.snapshot(pumpId);

        invalid(as(Tokens.scheduler()).body(body).post(HOLDS, pumpId), field);

        before.assertNothingWritten();
    }

    @Test
    void aDateThatIsNoDateIsRefusedNamingTheField() {
        Map<String, Object> body = with(holdBody(departureAfterSecondRefill(), null), "returnOn", "next month");
        Db.Snapshot before = db.snapshot(pumpId);

        malformed(as(Tokens.scheduler()).body(body).post(HOLDS, pumpId), "returnOn");

        before.assertNothingWritten();
    }

    @Test
    void aRemovedPumpTakesNoHold() {
        Api.removePump(pumpId);
        Db.Snapshot before = db.snapshot(pumpId);

        conflict(as(Tokens.scheduler()).body(holdBody(departureAfterSecondRefill(),
                departureAfterSecondRefill().plusDays(10))).post(HOLDS, pumpId), "pump-removed");

        before.assertNothingWritten();
    }

    @Test
    void theHoldsOfAnUnknownPumpAreNotFound() {
        Db.Snapshot before = db.snapshot();

        notFound(as(Tokens.scheduler()).body(holdBody(today().plusDays(20), today().plusDays(30)))
                .post(HOLDS, UUID.randomUUID()));
        notFound(as(Tokens.scheduler()).get(HOLDS, UUID.randomUUID()));

        before.assertNothingWritten();
    }

    @Test
    void anUnknownHoldIsNotFound() {
        notFound(as(Tokens.scheduler()).get(HOLD, pumpId, UUID.randomUUID()));
    }

    // --- the return margin ----------------------------------------------------------------------

    @Test
    void theReturnDayMustEndTheMarginBeforeTheGlycerolRunsOut() {
        LocalDate departOn = departureAfterSecondRefill();
        // the refill after the glycerol fill is due 56 days after it; the return day must end 2 days before
        LocalDate latestReturnOn = localDate(refillDue(2).plus(GLYCEROL_INTERVAL).minus(Duration.ofDays(2))).minusDays(1);
        Db.Snapshot before = db.snapshot(pumpId);

        ruleViolated(as(Tokens.scheduler()).body(holdBody(departOn, latestReturnOn.plusDays(1))).post(HOLDS, pumpId),
                "hold-not-covered", "returnOn")
                .body("latestReturnOn", equalTo(latestReturnOn.toString()))
                .body("refillAfterGlycerolDueAt", sameInstant(refillDue(2).plus(GLYCEROL_INTERVAL)));

        before.assertNothingWritten();
        as(Tokens.scheduler()).body(holdBody(departOn, latestReturnOn)).post(HOLDS, pumpId).then()
                .log().ifValidationFails().statusCode(201);
    }

    // --- after the return -----------------------------------------------------------------------

    @Test
    void theHoldsGlycerolFillIsLinkedToTheHold() {
        String holdId = Api.planHold(pumpId, departureAfterFirstRefill(),
                departureAfterFirstRefill().plusDays(COVERED_ABSENCE_DAYS));

        String fillId = Api.recordFill(pumpId, fill(Api.now(), "GLYCEROL", FULL_ML));

        as(Tokens.nurse()).get(HOLD, pumpId, holdId).then().log().ifValidationFails()
                .body("status", equalTo("FILLED"))
                .body("glycerolFillId", equalTo(fillId));
    }

    @Test
    void aMaintenancePumpBackFromTheHoldExpectsHeparinAgain() {
        String maintenancePump = Api.pumpFilledAt(lastFillAt, "HEPARIN");
        as(Tokens.nurse()).body(Map.of("mode", "MAINTENANCE")).post(THERAPY_MODE, maintenancePump)
                .then().statusCode(200);
        Api.planHold(maintenancePump, departureAfterFirstRefill(),
                departureAfterFirstRefill().plusDays(COVERED_ABSENCE_DAYS));
        Instant performedAt = Api.now();

        as(Tokens.nurse()).body(fill(performedAt, "GLYCEROL", FULL_ML)).post(FILLS, maintenancePump).then()
                .log().ifValidationFails()
                .statusCode(201)
                .body("expectedDrug", equalTo("GLYCEROL"))
                .body("deviation", equalTo(false))
                .body("nextRefill.dueAt", sameInstant(performedAt.plus(GLYCEROL_INTERVAL)))
                .body("nextRefill.drug", equalTo("HEPARIN"));
        as(Tokens.nurse()).queryParam("count", 2).get(SCHEDULE, maintenancePump).then()
                .body("items.drug", contains("HEPARIN", "HEPARIN"));
    }

    @Test
    void aGlycerolFillNoHoldAskedForKeepsAMaintenancePumpOnGlycerol() {
        String maintenancePump = Api.pumpFilledAt(lastFillAt, "HEPARIN");
        as(Tokens.nurse()).body(Map.of("mode", "MAINTENANCE")).post(THERAPY_MODE, maintenancePump)
                .then().statusCode(200);

        as(Tokens.nurse()).body(with(fill(Api.now(), "GLYCEROL", FULL_ML), "deviationReason", "Kept on glycerol"))
                .post(FILLS, maintenancePump).then().log().ifValidationFails()
                .statusCode(201)
                .body("nextRefill.drug", equalTo("GLYCEROL"));
    }

    // --- cancelling -----------------------------------------------------------------------------

    @Test
    void cancellingAHoldRevertsThePlanAndKeepsTheHold() {
        String holdId = Api.planHold(pumpId, departureAfterFirstRefill(),
                departureAfterFirstRefill().plusDays(COVERED_ABSENCE_DAYS));
        as(Tokens.nurse()).get(PUMP, pumpId).then().body("nextRefill.drug", equalTo("GLYCEROL"));

        as(Tokens.scheduler()).body(cancellationBody(TRIP_CALLED_OFF)).post(HOLD_CANCELLATION, pumpId, holdId).then()
                .log().ifValidationFails()
                .statusCode(200)
                .body("id", equalTo(holdId))
                .body("status", equalTo("CANCELLED"))
                .body("cancelledAt", notNullValue())
                .body("cancelledBy", equalTo("scheduler.smith@clinic.test"))
                .body("cancellationReason", equalTo(TRIP_CALLED_OFF));

        as(Tokens.nurse()).get(PUMP, pumpId).then().body("nextRefill.drug", equalTo("HEPARIN"));
        as(Tokens.nurse()).queryParam("count", 2).get(SCHEDULE, pumpId).then()
                .body("items.drug", contains("HEPARIN", "CHEMOTHERAPY"));
        as(Tokens.nurse()).get(HOLDS, pumpId).then().body("items.status", contains("CANCELLED"));
        assertThat(events.cancelledFor(pumpId)).extracting(GlycerolHoldCancelled::holdId)
                .containsExactly(UUID.fromString(holdId));
    }

    @Test
    void aCancelledHoldNoLongerOverlapsANewOne() {
        LocalDate departOn = departureAfterSecondRefill();
        String holdId = Api.planHold(pumpId, departOn, departOn.plusDays(COVERED_ABSENCE_DAYS));
        as(Tokens.nurse()).body(cancellationBody(TRIP_CALLED_OFF)).post(HOLD_CANCELLATION, pumpId, holdId)
                .then().statusCode(200);

        as(Tokens.scheduler()).body(holdBody(departOn, departOn.plusDays(COVERED_ABSENCE_DAYS))).post(HOLDS, pumpId)
                .then().log().ifValidationFails().statusCode(201);
    }

    @Test
    void aHoldWhoseGlycerolFillWasRecordedCannotBeCancelled() {
        String holdId = Api.planHold(pumpId, departureAfterFirstRefill(),
                departureAfterFirstRefill().plusDays(COVERED_ABSENCE_DAYS));
        Api.recordFill(pumpId, fill(Api.now(), "GLYCEROL", FULL_ML));
        Db.Snapshot before = db.snapshot(pumpId);

        conflict(as(Tokens.scheduler()).body(cancellationBody(TRIP_CALLED_OFF)).post(HOLD_CANCELLATION, pumpId, holdId),
                "glycerol-hold-filled");

        before.assertNothingWritten();
    }

    @Test
    void aCancelledHoldCannotBeCancelledAgain() {
        String holdId = Api.planHold(pumpId, departureAfterSecondRefill(),
                departureAfterSecondRefill().plusDays(COVERED_ABSENCE_DAYS));
        as(Tokens.scheduler()).body(cancellationBody(TRIP_CALLED_OFF)).post(HOLD_CANCELLATION, pumpId, holdId)
                .then().statusCode(200);
        Db.Snapshot before = db.snapshot(pumpId);

        conflict(as(Tokens.scheduler()).body(cancellationBody(TRIP_CALLED_OFF)).post(HOLD_CANCELLATION, pumpId, holdId),
                "glycerol-hold-cancelled");

        before.assertNothingWritten();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void aCancellationNeedsAReason(String reason) {
        String holdId = Api.planHold(pumpId, departureAfterSecondRefill(),
                departureAfterSecondRefill().plusDays(COVERED_ABSENCE_DAYS));
        Db.Snapshot before = db.snapshot(pumpId);

        invalid(as(Tokens.scheduler()).body(cancellationBody(reason)).post(HOLD_CANCELLATION, pumpId, holdId),
                "reason");
        invalid(as(Tokens.scheduler()).body(Map.of()).post(HOLD_CANCELLATION, pumpId, holdId), "reason");

        before.assertNothingWritten();
    }

    @Test
    void aRemovedPumpsHoldCannotBeCancelled() {
        String holdId = Api.planHold(pumpId, departureAfterSecondRefill(),
                departureAfterSecondRefill().plusDays(COVERED_ABSENCE_DAYS));
        Api.removePump(pumpId);
        Db.Snapshot before = db.snapshot(pumpId);

        conflict(as(Tokens.scheduler()).body(cancellationBody(TRIP_CALLED_OFF)).post(HOLD_CANCELLATION, pumpId, holdId),
                "pump-removed");

        before.assertNothingWritten();
    }

    @Test
    void cancellingAnUnknownOrAnotherPumpsHoldIsNotFound() {
        String otherPump = Api.pumpFilledAt(lastFillAt, "CHEMOTHERAPY");
        String othersHold = Api.planHold(otherPump, departureAfterSecondRefill(),
                departureAfterSecondRefill().plusDays(COVERED_ABSENCE_DAYS));
        Db.Snapshot before = db.snapshot(pumpId, otherPump);

        notFound(as(Tokens.scheduler()).body(cancellationBody(TRIP_CALLED_OFF))
                .post(HOLD_CANCELLATION, pumpId, UUID.randomUUID()));
        notFound(as(Tokens.scheduler()).body(cancellationBody(TRIP_CALLED_OFF))
                .post(HOLD_CANCELLATION, pumpId, othersHold));
        notFound(as(Tokens.scheduler()).body(cancellationBody(TRIP_CALLED_OFF))
                .post(HOLD_CANCELLATION, UUID.randomUUID(), othersHold));
        notFound(as(Tokens.scheduler()).get(HOLD, pumpId, othersHold));

        before.assertNothingWritten();
    }

    @Test
    void aCancellationMovesThePumpsEntityTagAndAStaleTagCancelsNothing() {
        String holdId = Api.planHold(pumpId, departureAfterSecondRefill(),
                departureAfterSecondRefill().plusDays(COVERED_ABSENCE_DAYS));
        String stale = etagOf(PUMP, pumpId);
        as(Tokens.nurse()).body(Map.of("mode", "MAINTENANCE")).post(THERAPY_MODE, pumpId).then().statusCode(200);
        Db.Snapshot before = db.snapshot(pumpId);

        preconditionFailed(as(Tokens.scheduler()).header(IF_MATCH, stale).body(cancellationBody(TRIP_CALLED_OFF))
                .post(HOLD_CANCELLATION, pumpId, holdId));
        before.assertNothingWritten();

        String current = etagOf(PUMP, pumpId);
        as(Tokens.nurse()).header(IF_MATCH, current).body(cancellationBody(TRIP_CALLED_OFF))
                .post(HOLD_CANCELLATION, pumpId, holdId).then().log().ifValidationFails().statusCode(200);
        assertThat(etagOf(PUMP, pumpId)).isNotEqualTo(current);
    }
}
