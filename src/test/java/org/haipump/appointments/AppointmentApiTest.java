package org.haipump.appointments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.ABSENT;
import static org.haipump.support.Api.APPOINTMENT;
import static org.haipump.support.Api.APPOINTMENTS;
import static org.haipump.support.Api.CANCELLATION;
import static org.haipump.support.Api.EARLY_WINDOW;
import static org.haipump.support.Api.FULL_ML;
import static org.haipump.support.Api.REFILL_INTERVAL;
import static org.haipump.support.Api.RESERVE;
import static org.haipump.support.Api.appointmentBody;
import static org.haipump.support.Api.as;
import static org.haipump.support.Api.conflict;
import static org.haipump.support.Api.daysAgo;
import static org.haipump.support.Api.fill;
import static org.haipump.support.Api.invalid;
import static org.haipump.support.Api.malformed;
import static org.haipump.support.Api.notFound;
import static org.haipump.support.Api.ruleViolated;
import static org.haipump.support.Api.sameInstant;
import static org.haipump.support.Api.with;
import static org.hamcrest.Matchers.equalTo;
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
import org.haipump.flags.OverdueScan;
import org.haipump.support.Api;
import org.haipump.support.Db;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Booking refill appointments inside the safe window, listing, reading and cancelling them. */
@QuarkusTest
class AppointmentApiTest {

    private static final String SITE = "Infusion center, room 3";
    private static final String REASON = "Refill and liver tests";
    private static final String CANCELLATION_REASON = "Patient has a fever";
    private static final int LARGEST_PAGE = 200;
    /** A pump filled this long ago has its refill due in four days: its window opens tomorrow. */
    private static final int FILLED_DAYS_AGO = 10;

    @Inject
    Db db;

    @Inject
    OverdueScan scan;

    /** The refill of a pump filled with chemotherapy at {@code performedAt}. */
    private record Refill(String pumpId, Instant dueAt) {

        static Refill ofPumpFilledAt(Instant performedAt) {
            return new Refill(Api.pumpFilledAt(performedAt, "CHEMOTHERAPY"), performedAt.plus(REFILL_INTERVAL));
        }

        /** The start of the patient's local day three days before the due day. */
        Instant opensAt() {
            return Api.localDate(dueAt).minusDays(EARLY_WINDOW.toDays()).atStartOfDay(Api.ZONE).toInstant();
        }

        Instant closesAt() {
            return dueAt.plus(RESERVE);
        }
    }

    // --- booking ----------------------------------------------------------------------------------

    @Test
    void bookingInsideTheWindowAnswers201WithTheAppointmentAndItsLocation() {
        Refill refill = Refill.ofPumpFilledAt(daysAgo(FILLED_DAYS_AGO));
        Map<String, Object> body = appointmentBody(refill.pumpId(), refill.dueAt());
        body.put("site", SITE);
        body.put("reason", REASON);

        ExtractableResponse<Response> created = as(Tokens.nurse()).body(body).post(APPOINTMENTS)
                .then().log().ifValidationFails()
                .statusCode(201)
                .contentType(ContentType.JSON)
                .body("id", notNullValue())
                .body("pumpId", equalTo(refill.pumpId()))
                .body("patientId", notNullValue())
                .body("startsAt", sameInstant(refill.dueAt()))
                .body("location", equalTo("CLINIC"))
                .body("site", equalTo(SITE))
                .body("reason", equalTo(REASON))
                .body("plannedDrug", equalTo("HEPARIN"))
                .body("plannedDrugExplicit", equalTo(false))
                .body("status", equalTo("BOOKED"))
                .body("refillDueAt", sameInstant(refill.dueAt()))
                .body("windowOpensAt", sameInstant(refill.opensAt()))
                .body("windowClosesAt", sameInstant(refill.closesAt()))
                .body("bookedBy", equalTo(Tokens.NURSE_UPN))
                .body("bookedAt", notNullValue())
                .body("cancelledAt", nullValue())
                .body("fillId", nullValue())
                .extract();

        String id = created.path("id");
        assertThat(created.header("Location")).endsWith(APPOINTMENTS + "/" + id);
        as(Tokens.scheduler()).get(created.header("Location")).then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void aPlannedDrugIsKeptAsBooked() {
        Refill refill = Refill.ofPumpFilledAt(daysAgo(FILLED_DAYS_AGO));
        Map<String, Object> body = with(appointmentBody(refill.pumpId(), refill.dueAt()), "plannedDrug", "GLYCEROL");
        body.put("location", "HOME");
        body.put("reason", "Patient leaves for six weeks; glycerol hold to be planned");

        as(Tokens.scheduler()).body(body).post(APPOINTMENTS).then().log().ifValidationFails().statusCode(201)
                .body("plannedDrug", equalTo("GLYCEROL"))
                .body("plannedDrugExplicit", equalTo(true))
                .body("location", equalTo("HOME"));
    }

    @Test
    void aPlannedDrugOtherThanTheExpectedOneNeedsAReason() {
        Refill refill = Refill.ofPumpFilledAt(daysAgo(FILLED_DAYS_AGO));
        Map<String, Object> body = with(appointmentBody(refill.pumpId(), refill.dueAt()), "plannedDrug", "CHEMOTHERAPY");
        Db.Snapshot before = db.snapshot(refill.pumpId());

        ruleViolated(as(Tokens.scheduler()).body(body).post(APPOINTMENTS), "planned-drug-reason-required", "reason")
                .body("expectedDrug", equalTo("HEPARIN"));

        before.assertNothingWritten();
        as(Tokens.scheduler()).body(with(body, "plannedDrug", "HEPARIN")).post(APPOINTMENTS).then().statusCode(201)
                .body("plannedDrugExplicit", equalTo(true));
    }

    // --- the planned drug follows the plan ------------------------------------------------------

    @Test
    void anOpenAppointmentWithoutAChosenDrugFollowsAChemotherapyHold() {
        // heparin 10 days ago: chemotherapy is due in four days
        String pumpId = Api.pumpFilledAt(daysAgo(FILLED_DAYS_AGO), "HEPARIN");
        String appointmentId = Api.bookAppointment(pumpId, daysAgo(FILLED_DAYS_AGO).plus(REFILL_INTERVAL));
        as(Tokens.nurse()).get(APPOINTMENT, appointmentId).then().body("plannedDrug", equalTo("CHEMOTHERAPY"));
        String etag = Api.etagOf(APPOINTMENT, appointmentId);

        String holdId = Api.startChemoHold(pumpId, Api.today(), Api.today().plusDays(14));
        as(Tokens.nurse()).get(APPOINTMENT, appointmentId).then().body("plannedDrug", equalTo("HEPARIN"));
        assertThat(Api.etagOf(APPOINTMENT, appointmentId)).isNotEqualTo(etag);

        Api.endChemoHold(pumpId, holdId);
        as(Tokens.nurse()).get(APPOINTMENT, appointmentId).then()
                .body("plannedDrug", equalTo("CHEMOTHERAPY"))
                .body("plannedDrugExplicit", equalTo(false));
    }

    @Test
    void aChosenPlannedDrugIsKeptWhenThePlanChanges() {
        String pumpId = Api.pumpFilledAt(daysAgo(FILLED_DAYS_AGO), "HEPARIN");
        Map<String, Object> body = with(appointmentBody(pumpId, daysAgo(FILLED_DAYS_AGO).plus(REFILL_INTERVAL)),
                "plannedDrug", "CHEMOTHERAPY");
        String appointmentId = as(Tokens.scheduler()).body(body).post(APPOINTMENTS).then().statusCode(201)
                .extract().path("id");

        Api.startChemoHold(pumpId, Api.today(), Api.today().plusDays(14));

        as(Tokens.nurse()).get(APPOINTMENT, appointmentId).then().body("plannedDrug", equalTo("CHEMOTHERAPY"));
    }

    @Test
    void anOpenAppointmentFollowsAGlycerolHoldAndItsCancellation() {
        Instant filledAt = daysAgo(FILLED_DAYS_AGO);
        Refill refill = Refill.ofPumpFilledAt(filledAt);
        String appointmentId = Api.bookAppointment(refill.pumpId(), refill.dueAt());
        java.time.LocalDate departOn = Api.localDate(refill.dueAt()).plusDays(1);

        String holdId = Api.planHold(refill.pumpId(), departOn, departOn.plusDays(30));
        as(Tokens.nurse()).get(APPOINTMENT, appointmentId).then().body("plannedDrug", equalTo("GLYCEROL"));

        as(Tokens.scheduler()).body(Api.cancellationBody("Trip called off"))
                .post(Api.HOLD_CANCELLATION, refill.pumpId(), holdId).then().statusCode(200);
        as(Tokens.nurse()).get(APPOINTMENT, appointmentId).then().body("plannedDrug", equalTo("HEPARIN"));
    }

    @Test
    void anOpenAppointmentFollowsTheTherapyMode() {
        String pumpId = Api.pumpFilledAt(daysAgo(FILLED_DAYS_AGO), "HEPARIN");
        String appointmentId = Api.bookAppointment(pumpId, daysAgo(FILLED_DAYS_AGO).plus(REFILL_INTERVAL));

        as(Tokens.nurse()).body(Map.of("mode", "MAINTENANCE")).post(Api.THERAPY_MODE, pumpId)
                .then().statusCode(200);

        as(Tokens.nurse()).get(APPOINTMENT, appointmentId).then().body("plannedDrug", equalTo("HEPARIN"));
    }

    @ParameterizedTest(name = "{0} {1} s")
    @CsvSource({"opens, 0", "closes, -1"})
    void anAppointmentMayStartFromThreeDaysBeforeTheDueTimeUntilTheReserveEnds(String edge, int offsetSeconds) {
        Refill refill = Refill.ofPumpFilledAt(daysAgo(FILLED_DAYS_AGO));
        Instant startsAt = ("opens".equals(edge) ? refill.opensAt() : refill.closesAt()).plusSeconds(offsetSeconds);

        as(Tokens.scheduler()).body(appointmentBody(refill.pumpId(), startsAt)).post(APPOINTMENTS).then()
                .log().ifValidationFails()
                .statusCode(201)
                .body("startsAt", sameInstant(startsAt));
    }

    @ParameterizedTest(name = "{0} {1} s")
    @CsvSource({"opens, -1", "closes, 0", "closes, 86400", "opens, -864000"})
    void anAppointmentOutsideTheWindowBreaksTheRuleAndNamesTheWindow(String edge, int offsetSeconds) {
        Refill refill = Refill.ofPumpFilledAt(daysAgo(FILLED_DAYS_AGO));
        Instant startsAt = ("opens".equals(edge) ? refill.opensAt() : refill.closesAt()).plusSeconds(offsetSeconds);
        Db.Snapshot before = db.snapshot(refill.pumpId());

        ruleViolated(as(Tokens.scheduler()).body(appointmentBody(refill.pumpId(), startsAt)).post(APPOINTMENTS),
                "outside-refill-window", "startsAt")
                .body("windowOpensAt", sameInstant(refill.opensAt()))
                .body("windowClosesAt", sameInstant(refill.closesAt()));

        before.assertNothingWritten();
    }

    @Test
    void anAppointmentInThePastBreaksTheRuleEvenInsideTheWindow() {
        Refill refill = Refill.ofPumpFilledAt(daysAgo(13));
        Instant yesterday = daysAgo(1);
        assertThat(yesterday).isAfterOrEqualTo(refill.opensAt());
        Db.Snapshot before = db.snapshot(refill.pumpId());

        ruleViolated(as(Tokens.scheduler()).body(appointmentBody(refill.pumpId(), yesterday)).post(APPOINTMENTS),
                "appointment-in-past", "startsAt");

        before.assertNothingWritten();
    }

    @Test
    void aPumpNeverFilledIsBookedForTheRefillAfterItsImplantFill() {
        // implanted long ago and never filled: past its reserve, so only an urgent visit with a reason
        String pumpId = Api.newPumpImplantedLongAgo();
        Instant implantDueAt = Api.IMPLANTED_LONG_AGO.atStartOfDay(Api.ZONE).toInstant().plus(REFILL_INTERVAL);
        Instant startsAt = Api.now().plus(Duration.ofHours(3));
        scan.run(); // flags it now, so that the scheduled scan cannot change the snapshot below
        Db.Snapshot before = db.snapshot(pumpId);

        ruleViolated(as(Tokens.scheduler()).body(appointmentBody(pumpId, startsAt)).post(APPOINTMENTS),
                "urgent-reason-required", "reason");
        before.assertNothingWritten();

        as(Tokens.scheduler()).body(with(appointmentBody(pumpId, startsAt), "reason", "Never refilled since implant"))
                .post(APPOINTMENTS).then().statusCode(201)
                .body("urgent", equalTo(true))
                .body("refillDueAt", sameInstant(implantDueAt))
                .body("plannedDrug", equalTo("CHEMOTHERAPY"));
    }

    @Test
    void aSecondOpenAppointmentForThePumpIsAConflict() {
        Refill refill = Refill.ofPumpFilledAt(daysAgo(FILLED_DAYS_AGO));
        Api.bookAppointment(refill.pumpId(), refill.dueAt());
        Db.Snapshot before = db.snapshot(refill.pumpId());

        conflict(as(Tokens.scheduler()).body(appointmentBody(refill.pumpId(), refill.dueAt().plusSeconds(3600)))
                .post(APPOINTMENTS), "open-appointment-exists");

        before.assertNothingWritten();
    }

    @Test
    void aRemovedPumpCannotBeBooked() {
        Refill refill = Refill.ofPumpFilledAt(daysAgo(FILLED_DAYS_AGO));
        Api.removePump(refill.pumpId());
        Db.Snapshot before = db.snapshot(refill.pumpId());

        conflict(as(Tokens.scheduler()).body(appointmentBody(refill.pumpId(), refill.dueAt())).post(APPOINTMENTS),
                "pump-removed");

        before.assertNothingWritten();
    }

    @Test
    void anAppointmentForAnUnknownPumpIsNotFound() {
        Db.Snapshot before = db.snapshot();

        notFound(as(Tokens.scheduler()).body(appointmentBody(UUID.randomUUID().toString(), Api.now()))
                .post(APPOINTMENTS));

        before.assertNothingWritten();
    }

    static Stream<Arguments> invalidBookings() {
        return Stream.of(Arguments.of("pumpId", ABSENT), Arguments.of("startsAt", ABSENT),
                Arguments.of("location", ABSENT), Arguments.of("location", null),
                Arguments.of("site", "s".repeat(201)), Arguments.of("reason", "r".repeat(501)));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidBookings")
    void aMissingOrOverlongFieldIsInvalid(String field, Object value) {
        Refill refill = Refill.ofPumpFilledAt(daysAgo(FILLED_DAYS_AGO));
        Db.Snapshot before = db.snapshot(refill.pumpId());

        invalid(as(Tokens.scheduler()).body(with(appointmentBody(refill.pumpId(), refill.dueAt()), field, value))
                .post(APPOINTMENTS), field);

        before.assertNothingWritten();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"location, MOON", "plannedDrug, ASPIRIN", "startsAt, tomorrow", "pumpId, 42"})
    void aValueOfTheWrongTypeIsRefusedNamingTheField(String field, String value) {
        Refill refill = Refill.ofPumpFilledAt(daysAgo(FILLED_DAYS_AGO));
        Db.Snapshot before = db.snapshot(refill.pumpId());

        malformed(as(Tokens.scheduler()).body(with(appointmentBody(refill.pumpId(), refill.dueAt()), field, value))
                .post(APPOINTMENTS), field);

        before.assertNothingWritten();
    }

    // --- reading and listing ----------------------------------------------------------------------

    @Test
    void anAppointmentIsReadById() {
        Refill refill = Refill.ofPumpFilledAt(daysAgo(FILLED_DAYS_AGO));
        String id = Api.bookAppointment(refill.pumpId(), refill.dueAt());

        as(Tokens.nurse()).get(APPOINTMENT, id).then().log().ifValidationFails()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("pumpId", equalTo(refill.pumpId()))
                .body("status", equalTo("BOOKED"))
                .body("startsAt", sameInstant(refill.dueAt()));
    }

    @Test
    void anUnknownAppointmentIsNotFound() {
        notFound(as(Tokens.nurse()).get(APPOINTMENT, UUID.randomUUID()));
    }

    @Test
    void appointmentsAreListedByStartFromInclusiveToExclusive() {
        Instant performedAt = daysAgo(FILLED_DAYS_AGO);
        Instant first = performedAt.plus(REFILL_INTERVAL);
        List<String> mine = bookThreeAnHourApart(performedAt);

        assertThat(listedIds(Map.of("from", first.toString(), "to", first.plusSeconds(7200).toString()), mine))
                .containsExactly(mine.get(0), mine.get(1));
        assertThat(listedIds(Map.of("from", first.plusSeconds(3600).toString()), mine))
                .containsExactly(mine.get(1), mine.get(2));
    }

    @Test
    void appointmentsAreListedByStatus() {
        Instant performedAt = daysAgo(FILLED_DAYS_AGO);
        Instant first = performedAt.plus(REFILL_INTERVAL);
        List<String> mine = bookThreeAnHourApart(performedAt);
        as(Tokens.scheduler()).body(Map.of("reason", CANCELLATION_REASON)).post(CANCELLATION, mine.get(1))
                .then().statusCode(200);
        String from = first.toString();
        String to = first.plusSeconds(3 * 3600).toString();

        assertThat(listedIds(Map.of("from", from, "to", to, "status", "BOOKED"), mine))
                .containsExactly(mine.get(0), mine.get(2));
        assertThat(listedIds(Map.of("from", from, "to", to, "status", "CANCELLED"), mine))
                .containsExactly(mine.get(1));
        assertThat(listedIds(Map.of("from", from, "to", to, "status", "COMPLETED"), mine)).isEmpty();
    }

    @Test
    void appointmentsAreListedWithoutFilters() {
        Refill refill = Refill.ofPumpFilledAt(daysAgo(FILLED_DAYS_AGO));
        Api.bookAppointment(refill.pumpId(), refill.dueAt());

        as(Tokens.scheduler()).queryParam("size", 1).get(APPOINTMENTS).then().log().ifValidationFails()
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .body("size", equalTo(1));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"from, yesterday", "to, 2026-11-26", "status, OPEN"})
    void aMalformedFilterIsInvalid(String parameter, String value) {
        invalid(as(Tokens.scheduler()).queryParam(parameter, value).get(APPOINTMENTS), parameter);
    }

    // --- cancellation -----------------------------------------------------------------------------

    @Test
    void aBookedAppointmentIsCancelledWithItsReason() {
        Refill refill = Refill.ofPumpFilledAt(daysAgo(FILLED_DAYS_AGO));
        String id = Api.bookAppointment(refill.pumpId(), refill.dueAt());

        as(Tokens.nurse()).body(Map.of("reason", CANCELLATION_REASON)).post(CANCELLATION, id).then()
                .log().ifValidationFails()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("cancellationReason", equalTo(CANCELLATION_REASON))
                .body("cancelledBy", equalTo(Tokens.NURSE_UPN))
                .body("cancelledAt", notNullValue());
        as(Tokens.nurse()).get(APPOINTMENT, id).then().body("status", equalTo("CANCELLED"));
    }

    @Test
    void afterACancellationTheRefillMayBeBookedAgain() {
        Refill refill = Refill.ofPumpFilledAt(daysAgo(FILLED_DAYS_AGO));
        String id = Api.bookAppointment(refill.pumpId(), refill.dueAt());
        as(Tokens.nurse()).body(Map.of("reason", CANCELLATION_REASON)).post(CANCELLATION, id).then().statusCode(200);

        as(Tokens.scheduler()).body(appointmentBody(refill.pumpId(), refill.dueAt().plusSeconds(3600)))
                .post(APPOINTMENTS).then().statusCode(201).body("status", equalTo("BOOKED"));
    }

    @Test
    void aCancelledAppointmentCannotBeCancelledAgain() {
        Refill refill = Refill.ofPumpFilledAt(daysAgo(FILLED_DAYS_AGO));
        String id = Api.bookAppointment(refill.pumpId(), refill.dueAt());
        as(Tokens.nurse()).body(Map.of("reason", CANCELLATION_REASON)).post(CANCELLATION, id).then().statusCode(200);
        Db.Snapshot before = db.snapshot(refill.pumpId());

        conflict(as(Tokens.nurse()).body(Map.of("reason", "again")).post(CANCELLATION, id), "appointment-not-open");

        before.assertNothingWritten();
    }

    @Test
    void aCompletedAppointmentCannotBeCancelled() {
        Refill refill = Refill.ofPumpFilledAt(daysAgo(13));
        String id = Api.bookAppointment(refill.pumpId(), refill.dueAt());
        Api.recordFill(refill.pumpId(), fill(Api.now(), "HEPARIN", FULL_ML));
        Db.Snapshot before = db.snapshot(refill.pumpId());

        conflict(as(Tokens.nurse()).body(Map.of("reason", CANCELLATION_REASON)).post(CANCELLATION, id),
                "appointment-not-open");

        before.assertNothingWritten();
        as(Tokens.nurse()).get(APPOINTMENT, id).then().body("status", equalTo("COMPLETED"));
    }

    @ParameterizedTest(name = "reason = {0}")
    @MethodSource("missingReasons")
    void aCancellationNeedsAReason(Object reason) {
        Refill refill = Refill.ofPumpFilledAt(daysAgo(FILLED_DAYS_AGO));
        String id = Api.bookAppointment(refill.pumpId(), refill.dueAt());
        Db.Snapshot before = db.snapshot(refill.pumpId());

        invalid(as(Tokens.nurse()).body(with(Map.of(), "reason", reason)).post(CANCELLATION, id), "reason");

        before.assertNothingWritten();
    }

    static Stream<Object> missingReasons() {
        return Stream.of(ABSENT, null, "", "  ");
    }

    @Test
    void cancellingAnUnknownAppointmentIsNotFound() {
        notFound(as(Tokens.nurse()).body(Map.of("reason", CANCELLATION_REASON)).post(CANCELLATION, UUID.randomUUID()));
    }

    /** Three pumps filled at the same instant, each booked an hour after the previous one from its due time. */
    private static List<String> bookThreeAnHourApart(Instant performedAt) {
        Instant dueAt = performedAt.plus(REFILL_INTERVAL);
        return List.of(
                Api.bookAppointment(Api.pumpFilledAt(performedAt, "CHEMOTHERAPY"), dueAt),
                Api.bookAppointment(Api.pumpFilledAt(performedAt, "CHEMOTHERAPY"), dueAt.plusSeconds(3600)),
                Api.bookAppointment(Api.pumpFilledAt(performedAt, "CHEMOTHERAPY"), dueAt.plusSeconds(7200)));
    }

    /** The ids the list answers for the filters, in its order, of only the appointments named. */
    private static List<String> listedIds(Map<String, String> filters, List<String> mine) {
        List<String> ids = as(Tokens.scheduler()).queryParams(filters).queryParam("size", LARGEST_PAGE)
                .get(APPOINTMENTS).then().log().ifValidationFails().statusCode(200)
                .extract().path("items.id");
        return ids.stream().filter(mine::contains).toList();
    }
}
