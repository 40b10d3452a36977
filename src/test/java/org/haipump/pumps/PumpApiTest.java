package org.haipump.pumps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.ABSENT;
import static org.haipump.support.Api.APPOINTMENT;
import static org.haipump.support.Api.FILLS;
import static org.haipump.support.Api.FLAGS;
import static org.haipump.support.Api.FULL_ML;
import static org.haipump.support.Api.IMPLANTED_ON;
import static org.haipump.support.Api.PUMP;
import static org.haipump.support.Api.PUMPS;
import static org.haipump.support.Api.REFILL_INTERVAL;
import static org.haipump.support.Api.REMOVAL;
import static org.haipump.support.Api.RESERVE;
import static org.haipump.support.Api.SCHEDULE;
import static org.haipump.support.Api.THERAPY_MODE;
import static org.haipump.support.Api.as;
import static org.haipump.support.Api.conflict;
import static org.haipump.support.Api.daysAgo;
import static org.haipump.support.Api.decimal;
import static org.haipump.support.Api.fill;
import static org.haipump.support.Api.invalid;
import static org.haipump.support.Api.localDate;
import static org.haipump.support.Api.malformed;
import static org.haipump.support.Api.notFound;
import static org.haipump.support.Api.pumpBody;
import static org.haipump.support.Api.removalBody;
import static org.haipump.support.Api.ruleViolated;
import static org.haipump.support.Api.sameInstant;
import static org.haipump.support.Api.today;
import static org.haipump.support.Api.with;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
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

/** Registering pumps, reading them with their cycle, changing their mode, removing them, projecting refills. */
@QuarkusTest
class PumpApiTest {

    private static final String REMOVAL_NOTE = "Therapy completed after 12 cycles.";
    /** The predicted empty time of a full reservoir at the nominal rate: 30 mL / 1.5 mL per day. */
    private static final Duration FULL_RESERVOIR_AT_NOMINAL_FLOW = Duration.ofDays(20);

    @Inject
    Db db;

    // --- registration -----------------------------------------------------------------------------

    @Test
    void registeringAPumpAnswers201WithTheResourceAndItsLocation() {
        String patientId = Api.registerPatient();
        Map<String, Object> body = pumpBody(patientId);

        ExtractableResponse<Response> created = as(Tokens.scheduler()).body(body).post(PUMPS)
                .then().log().ifValidationFails()
                .statusCode(201)
                .contentType(ContentType.JSON)
                .body("id", notNullValue())
                .body("patientId", equalTo(patientId))
                .body("model", equalTo(Api.MODEL))
                .body("serialNumber", equalTo(body.get("serialNumber")))
                .body("reservoirVolumeMl", decimal(Api.RESERVOIR_ML))
                .body("nominalFlowRateMlPerDay", decimal(Api.NOMINAL_FLOW_ML_PER_DAY))
                .body("implantedOn", equalTo(IMPLANTED_ON.toString()))
                .body("therapyMode", equalTo("ACTIVE"))
                .body("status", equalTo("ACTIVE"))
                .body("removedOn", nullValue())
                .body("lastFill", nullValue())
                .body("nextRefill.basis", equalTo("IMPLANT"))
                .body("nextRefill.dueAt", sameInstant(IMPLANTED_ON.atStartOfDay(Api.ZONE).toInstant().plus(REFILL_INTERVAL)))
                .body("createdAt", notNullValue())
                .extract();

        String id = created.path("id");
        assertThat(created.header("Location")).endsWith(PUMPS + "/" + id);
        as(Tokens.nurse()).get(created.header("Location")).then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void aPumpWithoutTherapyModeIsActive() {
        Map<String, Object> body = with(pumpBody(Api.registerPatient()), "therapyMode", ABSENT);

        as(Tokens.scheduler()).body(body).post(PUMPS).then().statusCode(201).body("therapyMode", equalTo("ACTIVE"));
    }

    @Test
    void aPumpMayBeRegisteredInMaintenance() {
        Map<String, Object> body = with(pumpBody(Api.registerPatient()), "therapyMode", "MAINTENANCE");

        as(Tokens.scheduler()).body(body).post(PUMPS).then().statusCode(201)
                .body("therapyMode", equalTo("MAINTENANCE"));
    }

    @Test
    void aPumpImplantedTodayIsAccepted() {
        Map<String, Object> body = with(pumpBody(Api.registerPatient()), "implantedOn", today().toString());

        as(Tokens.scheduler()).body(body).post(PUMPS).then().statusCode(201)
                .body("implantedOn", equalTo(today().toString()));
    }

    @Test
    void aPumpForAnUnknownPatientIsNotFound() {
        Db.Snapshot before = db.snapshot();

        notFound(as(Tokens.scheduler()).body(pumpBody(UUID.randomUUID().toString())).post(PUMPS));

        before.assertNothingWritten();
    }

    @Test
    void aSecondActivePumpForThePatientIsAConflict() {
        String patientId = Api.registerPatient();
        String first = Api.registerPump(patientId);
        Db.Snapshot before = db.snapshot(first);

        conflict(as(Tokens.scheduler()).body(pumpBody(patientId)).post(PUMPS), "patient-has-active-pump", "patientId");

        before.assertNothingWritten();
        assertThat(db.count("pump", "patient_id", patientId)).isEqualTo(1);
    }

    @Test
    void aTakenSerialNumberIsAConflict() {
        Map<String, Object> first = pumpBody(Api.registerPatient());
        as(Tokens.scheduler()).body(first).post(PUMPS).then().statusCode(201);
        Map<String, Object> second = with(pumpBody(Api.registerPatient()), "serialNumber", first.get("serialNumber"));
        Db.Snapshot before = db.snapshot();

        conflict(as(Tokens.scheduler()).body(second).post(PUMPS), "duplicate-serial-number", "serialNumber");

        before.assertNothingWritten();
    }

    static Stream<Arguments> invalidPumpFields() {
        return Stream.of(
                Arguments.of("patientId", ABSENT),
                Arguments.of("model", ABSENT), Arguments.of("model", ""), Arguments.of("model", "  "),
                Arguments.of("model", "M".repeat(101)),
                Arguments.of("serialNumber", ABSENT), Arguments.of("serialNumber", " "),
                Arguments.of("reservoirVolumeMl", ABSENT), Arguments.of("reservoirVolumeMl", 0),
                Arguments.of("reservoirVolumeMl", -30), Arguments.of("reservoirVolumeMl", 500.01),
                Arguments.of("reservoirVolumeMl", 30.125),
                Arguments.of("nominalFlowRateMlPerDay", ABSENT), Arguments.of("nominalFlowRateMlPerDay", 0),
                Arguments.of("nominalFlowRateMlPerDay", -1.5), Arguments.of("nominalFlowRateMlPerDay", 100.5),
                Arguments.of("nominalFlowRateMlPerDay", 1.2345),
                Arguments.of("implantedOn", ABSENT), Arguments.of("implantedOn", null));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidPumpFields")
    void aMissingOrOutOfRangeFieldIsInvalid(String field, Object value) {
        Map<String, Object> body = with(pumpBody(Api.registerPatient()), field, value);
        Db.Snapshot before = db.snapshot();

        invalid(as(Tokens.scheduler()).body(body).post(PUMPS), field);

        before.assertNothingWritten();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "therapyMode, PAUSED",
            "patientId, not-a-uuid",
            "reservoirVolumeMl, thirty",
            "implantedOn, 2025-02-30"})
    void aValueOfTheWrongTypeIsRefusedNamingTheField(String field, String value) {
        Map<String, Object> body = with(pumpBody(Api.registerPatient()), field, value);
        Db.Snapshot before = db.snapshot();

        malformed(as(Tokens.scheduler()).body(body).post(PUMPS), field);

        before.assertNothingWritten();
    }

    @Test
    void anImplantDateInTheFutureBreaksTheRule() {
        Map<String, Object> body = with(pumpBody(Api.registerPatient()), "implantedOn", today().plusDays(1).toString());
        Db.Snapshot before = db.snapshot();

        ruleViolated(as(Tokens.scheduler()).body(body).post(PUMPS), "implant-in-future", "implantedOn");

        before.assertNothingWritten();
    }

    // --- reading ----------------------------------------------------------------------------------

    @Test
    void anUnknownPumpIsNotFound() {
        notFound(as(Tokens.nurse()).get(PUMP, UUID.randomUUID()));
    }

    @Test
    void aPumpBeforeItsFirstFillCountsFromTheHeparinFillOfItsImplantDay() {
        String pumpId = Api.newPump();
        Instant implantFill = IMPLANTED_ON.atStartOfDay(Api.ZONE).toInstant();

        as(Tokens.nurse()).get(PUMP, pumpId).then().log().ifValidationFails()
                .statusCode(200)
                .body("id", equalTo(pumpId))
                .body("lastFill", nullValue())
                .body("nextRefill.basis", equalTo("IMPLANT"))
                .body("nextRefill.dueAt", sameInstant(implantFill.plus(REFILL_INTERVAL)))
                .body("nextRefill.reserveEndsAt", sameInstant(implantFill.plus(REFILL_INTERVAL).plus(RESERVE)))
                .body("nextRefill.drug", equalTo("CHEMOTHERAPY"))
                .body("nextRefill.status", equalTo("UPCOMING"))
                .body("nextRefill.predictedEmptyAt", sameInstant(implantFill.plus(Duration.ofDays(20))));
    }

    @Test
    void aPumpRegisteredWithItsLatestFillCountsFromIt() {
        Instant performedAt = daysAgo(5);
        Map<String, Object> body = pumpBody(Api.registerPatient());
        body.put("lastFill", Map.of("performedAt", performedAt.toString(), "drug", "HEPARIN", "volumeMl", FULL_ML));

        String pumpId = as(Tokens.scheduler()).body(body).post(PUMPS).then().log().ifValidationFails().statusCode(201)
                .body("lastFill.performedAt", sameInstant(performedAt))
                .body("lastFill.drug", equalTo("HEPARIN"))
                .body("nextRefill.basis", equalTo("INTERVAL"))
                .body("nextRefill.dueAt", sameInstant(performedAt.plus(REFILL_INTERVAL)))
                .body("nextRefill.drug", equalTo("CHEMOTHERAPY"))
                .extract().path("id");

        as(Tokens.scheduler()).get(FILLS, pumpId).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].expectedDrug", nullValue())
                .body("items[0].deviation", equalTo(false))
                .body("items[0].recordedBy", equalTo(Tokens.SCHEDULER_UPN));
    }

    static Stream<Arguments> refusedLastFills() {
        return Stream.of(
                Arguments.of("before the implant day", IMPLANTED_ON.atStartOfDay(Api.ZONE).toInstant().minusSeconds(1),
                        FULL_ML, "fill-before-implant", "lastFill.performedAt"),
                Arguments.of("in the future", Api.now().plus(Duration.ofHours(1)), FULL_ML, "fill-in-future",
                        "lastFill.performedAt"),
                Arguments.of("above the reservoir", daysAgo(2), Api.RESERVOIR_ML + 1, "volume-above-reservoir",
                        "lastFill.volumeMl"));
    }

    @ParameterizedTest(name = "a latest fill {0}")
    @MethodSource("refusedLastFills")
    void aLatestFillThatBreaksTheFillRulesIsRefusedAndNothingIsRegistered(String what, Instant performedAt,
            double volumeMl, String type, String field) {
        String patientId = Api.registerPatient();
        Map<String, Object> body = pumpBody(patientId);
        body.put("lastFill", Map.of("performedAt", performedAt.toString(), "drug", "CHEMOTHERAPY", "volumeMl", volumeMl));
        long pumps = db.count("pump");
        long fills = db.count("fill");

        ruleViolated(as(Tokens.scheduler()).body(body).post(PUMPS), type, field);

        assertThat(db.count("pump")).isEqualTo(pumps);
        assertThat(db.count("fill")).isEqualTo(fills);
        assertThat(db.count("pump", "patient_id", patientId)).isZero();
    }

    @Test
    void aFilledPumpShowsItsLastFillAndItsNextRefill() {
        Instant performedAt = daysAgo(13);
        String pumpId = Api.newPumpImplantedLongAgo();
        String fillId = Api.recordFill(pumpId, fill(performedAt, "CHEMOTHERAPY", FULL_ML));
        Instant dueAt = performedAt.plus(REFILL_INTERVAL);

        as(Tokens.nurse()).get(PUMP, pumpId).then().log().ifValidationFails()
                .statusCode(200)
                .body("lastFill.id", equalTo(fillId))
                .body("lastFill.performedAt", sameInstant(performedAt))
                .body("lastFill.drug", equalTo("CHEMOTHERAPY"))
                .body("lastFill.volumeMl", decimal(FULL_ML))
                .body("nextRefill.dueAt", sameInstant(dueAt))
                .body("nextRefill.reserveEndsAt", sameInstant(dueAt.plus(RESERVE)))
                .body("nextRefill.drug", equalTo("HEPARIN"))
                .body("nextRefill.status", equalTo("UPCOMING"))
                .body("nextRefill.predictedEmptyAt", sameInstant(performedAt.plus(FULL_RESERVOIR_AT_NOMINAL_FLOW)))
                .body("nextRefill.dueOn", equalTo(localDate(dueAt).toString()))
                .body("nextRefill.reserveEndsOn", equalTo(localDate(dueAt.plus(RESERVE)).toString()));
    }

    @ParameterizedTest(name = "filled {0} days ago: {1}")
    @CsvSource({"13, UPCOMING", "15, OVERDUE", "17, CRITICAL"})
    void theNextRefillsStatusFollowsTheDueTimeAndTheReserve(int daysAgo, String status) {
        String pumpId = Api.pumpFilledAt(daysAgo(daysAgo), "CHEMOTHERAPY");

        as(Tokens.nurse()).get(PUMP, pumpId).then().statusCode(200).body("nextRefill.status", equalTo(status));
    }

    @Test
    void aPatientsPumpsAreListedNewestFirst() {
        String patientId = Api.registerPatient();
        String removed = Api.registerPump(patientId);
        Api.removePump(removed);
        String current = Api.registerPump(patientId);
        Api.newPump();

        as(Tokens.scheduler()).queryParam("patientId", patientId).get(PUMPS).then().log().ifValidationFails()
                .statusCode(200)
                .body("items.id", contains(current, removed))
                .body("items.status", contains("ACTIVE", "REMOVED"))
                .body("total", equalTo(2));
        as(Tokens.scheduler()).queryParam("patientId", patientId).queryParam("size", 1).queryParam("page", 1)
                .get(PUMPS).then().statusCode(200)
                .body("items.id", contains(removed)).body("size", equalTo(1)).body("total", equalTo(2));
    }

    @Test
    void aPatientWithoutPumpsHasAnEmptyList() {
        as(Tokens.scheduler()).queryParam("patientId", Api.registerPatient()).get(PUMPS).then()
                .statusCode(200).body("items", empty());
    }

    // --- therapy mode -----------------------------------------------------------------------------

    @Test
    void maintenanceModeNeverExpectsChemotherapy() {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "HEPARIN");
        as(Tokens.nurse()).get(PUMP, pumpId).then().body("nextRefill.drug", equalTo("CHEMOTHERAPY"));

        as(Tokens.nurse()).body(Map.of("mode", "MAINTENANCE")).post(THERAPY_MODE, pumpId)
                .then().log().ifValidationFails()
                .statusCode(200)
                .body("therapyMode", equalTo("MAINTENANCE"))
                .body("nextRefill.drug", equalTo("HEPARIN"));
        as(Tokens.nurse()).queryParam("count", 4).get(SCHEDULE, pumpId).then()
                .body("items.drug", everyItem(equalTo("HEPARIN")));
    }

    @Test
    void returningToActiveModeExpectsChemotherapyAgain() {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "HEPARIN");
        as(Tokens.nurse()).body(Map.of("mode", "MAINTENANCE")).post(THERAPY_MODE, pumpId).then().statusCode(200);

        as(Tokens.nurse()).body(Map.of("mode", "ACTIVE")).post(THERAPY_MODE, pumpId).then()
                .statusCode(200)
                .body("therapyMode", equalTo("ACTIVE"))
                .body("nextRefill.drug", equalTo("CHEMOTHERAPY"));
    }

    @Test
    void aTherapyModeMustBeNamed() {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "HEPARIN");
        Db.Snapshot before = db.snapshot(pumpId);

        invalid(as(Tokens.nurse()).body(Map.of()).post(THERAPY_MODE, pumpId), "mode");

        before.assertNothingWritten();
    }

    @Test
    void anUnknownTherapyModeIsRefusedNamingTheField() {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "HEPARIN");
        Db.Snapshot before = db.snapshot(pumpId);

        malformed(as(Tokens.nurse()).body(Map.of("mode", "PAUSED")).post(THERAPY_MODE, pumpId), "mode");

        before.assertNothingWritten();
    }

    @Test
    void theTherapyModeOfAnUnknownPumpIsNotFound() {
        notFound(as(Tokens.nurse()).body(Map.of("mode", "ACTIVE")).post(THERAPY_MODE, UUID.randomUUID()));
    }

    @Test
    void theTherapyModeOfARemovedPumpCannotChange() {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "HEPARIN");
        Api.removePump(pumpId);
        Db.Snapshot before = db.snapshot(pumpId);

        conflict(as(Tokens.nurse()).body(Map.of("mode", "MAINTENANCE")).post(THERAPY_MODE, pumpId),
                "pump-removed");

        before.assertNothingWritten();
    }

    // --- removal ----------------------------------------------------------------------------------

    @Test
    void aRemovedPumpHasNoNextRefill() {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "CHEMOTHERAPY");
        Map<String, Object> body = with(removalBody(today(), "COMPLICATION"), "note", REMOVAL_NOTE);

        as(Tokens.nurse()).body(body).post(REMOVAL, pumpId).then().log().ifValidationFails()
                .statusCode(200)
                .body("status", equalTo("REMOVED"))
                .body("removedOn", equalTo(today().toString()))
                .body("removalReason", equalTo("COMPLICATION"))
                .body("removalNote", equalTo(REMOVAL_NOTE))
                .body("nextRefill", nullValue())
                .body("lastFill.drug", equalTo("CHEMOTHERAPY"));
        as(Tokens.nurse()).get(PUMP, pumpId).then()
                .body("status", equalTo("REMOVED"))
                .body("nextRefill", nullValue());
        as(Tokens.nurse()).get(SCHEDULE, pumpId).then().statusCode(200).body("items", empty());
    }

    @Test
    void removingAPumpResolvesItsOpenFlags() {
        String pumpId = Api.pumpWithFlowFlag();
        as(Tokens.nurse()).queryParam("pumpId", pumpId).get(FLAGS).then()
                .body("items.status", contains("OPEN"));

        Api.removePump(pumpId);

        as(Tokens.nurse()).queryParam("pumpId", pumpId).get(FLAGS).then().log().ifValidationFails()
                .body("items", hasSize(1))
                .body("items.status", everyItem(equalTo("RESOLVED")))
                .body("items.resolution", everyItem(equalTo("PUMP_REMOVED")))
                .body("items.resolvedAt", everyItem(notNullValue()));
    }

    @Test
    void removingAPumpCancelsItsOpenAppointment() {
        Instant performedAt = daysAgo(13);
        String pumpId = Api.pumpFilledAt(performedAt, "CHEMOTHERAPY");
        String appointmentId = Api.bookAppointment(pumpId, performedAt.plus(REFILL_INTERVAL));

        Api.removePump(pumpId);

        as(Tokens.scheduler()).get(APPOINTMENT, appointmentId).then().log().ifValidationFails()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("cancellationReason", equalTo("Pump removed"))
                .body("cancelledAt", notNullValue());
    }

    @Test
    void aPumpIsRemovedOnlyOnce() {
        String pumpId = Api.newPump();
        Api.removePump(pumpId);
        Db.Snapshot before = db.snapshot(pumpId);

        conflict(as(Tokens.nurse()).body(removalBody(today(), "OTHER")).post(REMOVAL, pumpId), "pump-removed");

        before.assertNothingWritten();
    }

    @Test
    void aRemovalBeforeTheImplantBreaksTheRule() {
        String pumpId = Api.newPump();
        Db.Snapshot before = db.snapshot(pumpId);

        ruleViolated(as(Tokens.nurse()).body(removalBody(IMPLANTED_ON.minusDays(1), "OTHER")).post(REMOVAL, pumpId),
                "removal-before-implant", "removedOn");

        before.assertNothingWritten();
    }

    @Test
    void aRemovalOnTheImplantDayIsAccepted() {
        String pumpId = Api.newPump();

        as(Tokens.nurse()).body(removalBody(IMPLANTED_ON, "COMPLICATION")).post(REMOVAL, pumpId).then()
                .statusCode(200).body("removedOn", equalTo(IMPLANTED_ON.toString()));
    }

    @Test
    void aRemovalBeforeThePumpsLatestFillBreaksTheRule() {
        String pumpId = Api.pumpFilledAt(Api.daysAgo(3), "CHEMOTHERAPY");
        Db.Snapshot before = db.snapshot(pumpId);

        ruleViolated(as(Tokens.nurse()).body(removalBody(today().minusDays(10), "OTHER")).post(REMOVAL, pumpId),
                "removal-before-latest-fill", "removedOn");

        before.assertNothingWritten();
    }

    @Test
    void aRemovalInTheFutureBreaksTheRule() {
        String pumpId = Api.newPump();
        Db.Snapshot before = db.snapshot(pumpId);

        ruleViolated(as(Tokens.nurse()).body(removalBody(today().plusDays(1), "OTHER")).post(REMOVAL, pumpId),
                "removal-in-future", "removedOn");

        before.assertNothingWritten();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidRemovals")
    void aRemovalNeedsADateAndAReason(String field, Object value) {
        String pumpId = Api.newPump();
        Db.Snapshot before = db.snapshot(pumpId);

        invalid(as(Tokens.nurse()).body(with(removalBody(today(), "OTHER"), field, value)).post(REMOVAL, pumpId),
                field);

        before.assertNothingWritten();
    }

    static Stream<Arguments> invalidRemovals() {
        return Stream.of(Arguments.of("removedOn", ABSENT), Arguments.of("reason", ABSENT),
                Arguments.of("reason", null), Arguments.of("note", "n".repeat(2001)));
    }

    @Test
    void anUnknownRemovalReasonIsRefusedNamingTheField() {
        String pumpId = Api.newPump();
        Db.Snapshot before = db.snapshot(pumpId);

        malformed(as(Tokens.nurse()).body(removalBody(today(), "BORED")).post(REMOVAL, pumpId), "reason");

        before.assertNothingWritten();
    }

    @Test
    void removingAnUnknownPumpIsNotFound() {
        notFound(as(Tokens.nurse()).body(removalBody(today(), "OTHER")).post(REMOVAL, UUID.randomUUID()));
    }

    @Test
    void aPatientWhosePumpWasRemovedMayReceiveANewOne() {
        String patientId = Api.registerPatient();
        Api.removePump(Api.registerPump(patientId));

        as(Tokens.scheduler()).body(pumpBody(patientId)).post(PUMPS).then().statusCode(201)
                .body("status", equalTo("ACTIVE"));
    }

    // --- schedule ---------------------------------------------------------------------------------

    @Test
    void theScheduleAlternatesHeparinAndChemotherapyEveryFourteenDays() {
        Instant performedAt = daysAgo(13);
        String pumpId = Api.pumpFilledAt(performedAt, "CHEMOTHERAPY");

        as(Tokens.nurse()).queryParam("count", 4).get(SCHEDULE, pumpId).then().log().ifValidationFails()
                .statusCode(200)
                .body("items.drug", contains("HEPARIN", "CHEMOTHERAPY", "HEPARIN", "CHEMOTHERAPY"))
                .body("items[0].dueAt", sameInstant(performedAt.plus(REFILL_INTERVAL)))
                .body("items[1].dueAt", sameInstant(performedAt.plus(REFILL_INTERVAL.multipliedBy(2))))
                .body("items[2].dueAt", sameInstant(performedAt.plus(REFILL_INTERVAL.multipliedBy(3))))
                .body("items[3].dueAt", sameInstant(performedAt.plus(REFILL_INTERVAL.multipliedBy(4))))
                .body("items[3].reserveEndsAt", sameInstant(performedAt.plus(REFILL_INTERVAL.multipliedBy(4))
                        .plus(RESERVE)))
                .body("items[0].dueOn", equalTo(localDate(performedAt.plus(REFILL_INTERVAL)).toString()));
    }

    @Test
    void theScheduleProjectsSixRefillsByDefault() {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "HEPARIN");

        as(Tokens.nurse()).get(SCHEDULE, pumpId).then().statusCode(200)
                .body("items.drug", contains("CHEMOTHERAPY", "HEPARIN", "CHEMOTHERAPY", "HEPARIN", "CHEMOTHERAPY",
                        "HEPARIN"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 52})
    void theScheduleProjectsBetweenOneAndFiftyTwoRefills(int count) {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "HEPARIN");

        as(Tokens.nurse()).queryParam("count", count).get(SCHEDULE, pumpId).then().statusCode(200)
                .body("items", hasSize(count));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 53})
    void aScheduleOutsideOneToFiftyTwoRefillsIsInvalid(int count) {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "HEPARIN");

        invalid(as(Tokens.nurse()).queryParam("count", count).get(SCHEDULE, pumpId), "count");
    }

    @Test
    void aPumpWithoutFillsIsProjectedFromItsImplantFill() {
        Instant implantDue = IMPLANTED_ON.atStartOfDay(Api.ZONE).toInstant().plus(REFILL_INTERVAL);

        as(Tokens.nurse()).queryParam("count", 2).get(SCHEDULE, Api.newPump()).then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].basis", equalTo("IMPLANT"))
                .body("items[0].dueAt", sameInstant(implantDue))
                .body("items[0].drug", equalTo("CHEMOTHERAPY"))
                .body("items[1].basis", equalTo("INTERVAL"))
                .body("items[1].drug", equalTo("HEPARIN"));
    }

    @Test
    void theScheduleOfAnUnknownPumpIsNotFound() {
        notFound(as(Tokens.nurse()).get(SCHEDULE, UUID.randomUUID()));
    }
}
