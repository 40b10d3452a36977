package org.haipump.patients;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.ABSENT;
import static org.haipump.support.Api.PATIENT;
import static org.haipump.support.Api.PATIENTS;
import static org.haipump.support.Api.as;
import static org.haipump.support.Api.conflict;
import static org.haipump.support.Api.invalid;
import static org.haipump.support.Api.malformed;
import static org.haipump.support.Api.notFound;
import static org.haipump.support.Api.patientBody;
import static org.haipump.support.Api.problem;
import static org.haipump.support.Api.uniqueMrn;
import static org.haipump.support.Api.with;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.haipump.support.Api;
import org.haipump.support.Db;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Registering patients, reading them by id and finding them by MRN; and how any bad body is refused. */
@QuarkusTest
class PatientApiTest {

    private static final String UNKNOWN_ZONE = "Mars/Olympus_Mons";
    /** {@code hai.default-time-zone}. */
    private static final String DEFAULT_ZONE = "America/New_York";
    private static final String OTHER_ZONE = "Europe/Paris";

    @Inject
    Db db;

    @TestHTTPResource(PATIENTS)
    URI patientsUri;

    @Test
    void registeringAPatientAnswers201WithTheResourceAndItsLocation() {
        String mrn = uniqueMrn();

        ExtractableResponse<Response> created = as(Tokens.scheduler()).body(patientBody(mrn)).post(PATIENTS)
                .then().log().ifValidationFails()
                .statusCode(201)
                .contentType(ContentType.JSON)
                .body("id", notNullValue())
                .body("mrn", equalTo(mrn))
                .body("givenName", equalTo(Api.GIVEN_NAME))
                .body("familyName", equalTo(Api.FAMILY_NAME))
                .body("birthDate", equalTo(Api.BIRTH_DATE.toString()))
                .body("timeZone", equalTo(Api.TIME_ZONE))
                .body("createdAt", notNullValue())
                .extract();

        String id = created.path("id");
        String location = created.header("Location");
        assertThat(location).endsWith(PATIENTS + "/" + id);
        as(Tokens.nurse()).get(location).then().statusCode(200).body("id", equalTo(id)).body("mrn", equalTo(mrn));
    }

    @Test
    void aPatientWithoutTimeZoneGetsTheServiceDefault() {
        Map<String, Object> body = with(patientBody(uniqueMrn()), "timeZone", ABSENT);

        as(Tokens.scheduler()).body(body).post(PATIENTS)
                .then().statusCode(201).body("timeZone", equalTo(DEFAULT_ZONE));
    }

    @Test
    void aPatientsOwnTimeZoneIsKept() {
        Map<String, Object> body = with(patientBody(uniqueMrn()), "timeZone", OTHER_ZONE);

        as(Tokens.scheduler()).body(body).post(PATIENTS)
                .then().statusCode(201).body("timeZone", equalTo(OTHER_ZONE));
    }

    @Test
    void namesAndMrnAreStoredWithoutSurroundingBlanks() {
        String mrn = uniqueMrn();
        Map<String, Object> body = patientBody("  " + mrn + " ");
        body.put("givenName", " Ada ");

        as(Tokens.scheduler()).body(body).post(PATIENTS)
                .then().statusCode(201).body("mrn", equalTo(mrn)).body("givenName", equalTo("Ada"));
    }

    @Test
    void aDuplicateMrnIsAConflict() {
        String mrn = uniqueMrn();
        Api.registerPatient(mrn);
        Db.Snapshot before = db.snapshot();

        conflict(as(Tokens.scheduler()).body(patientBody(mrn)).post(PATIENTS), "duplicate-mrn", "mrn");

        before.assertNothingWritten();
    }

    @Test
    void anMrnThatDiffersOnlyBySurroundingBlanksIsADuplicate() {
        String mrn = uniqueMrn();
        Api.registerPatient(mrn);
        Db.Snapshot before = db.snapshot();

        conflict(as(Tokens.scheduler()).body(patientBody(" " + mrn + "  ")).post(PATIENTS), "duplicate-mrn", "mrn");

        before.assertNothingWritten();
    }

    static Stream<Arguments> missingOrBlankFields() {
        return Stream.of(
                Arguments.of("mrn", ABSENT), Arguments.of("mrn", ""), Arguments.of("mrn", "   "),
                Arguments.of("givenName", ABSENT), Arguments.of("givenName", ""), Arguments.of("givenName", " "),
                Arguments.of("familyName", ABSENT), Arguments.of("familyName", null),
                Arguments.of("familyName", "\t"),
                Arguments.of("birthDate", ABSENT), Arguments.of("birthDate", null),
                Arguments.of("mrn", "M".repeat(65)), Arguments.of("timeZone", "Z".repeat(65)));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("missingOrBlankFields")
    void aMissingBlankOrOverlongFieldIsInvalid(String field, Object value) {
        Map<String, Object> body = with(patientBody(uniqueMrn()), field, value);
        Db.Snapshot before = db.snapshot();

        invalid(as(Tokens.scheduler()).body(body).post(PATIENTS), field);

        before.assertNothingWritten();
    }

    @Test
    void everyOffendingFieldIsListed() {
        Map<String, Object> body = patientBody("");
        body.remove("givenName");
        body.put("familyName", " ");
        Db.Snapshot before = db.snapshot();

        invalid(as(Tokens.scheduler()).body(body).post(PATIENTS), "mrn", "givenName", "familyName");

        before.assertNothingWritten();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1961-02-30", "12/04/1961", "1961-4-12", "yesterday"})
    void aBirthDateThatIsNoDateIsRefusedNamingTheField(String birthDate) {
        Map<String, Object> body = patientBody(uniqueMrn());
        body.put("birthDate", birthDate);
        Db.Snapshot before = db.snapshot();

        malformed(as(Tokens.scheduler()).body(body).post(PATIENTS), "birthDate");

        before.assertNothingWritten();
    }

    @Test
    void aBirthDateOfTheWrongJsonTypeIsRefusedNamingTheField() {
        Map<String, Object> body = patientBody(uniqueMrn());
        body.put("birthDate", Map.of("year", 1961));
        Db.Snapshot before = db.snapshot();

        malformed(as(Tokens.scheduler()).body(body).post(PATIENTS), "birthDate");

        before.assertNothingWritten();
    }

    @Test
    void aBirthDateInTheFutureIsInvalid() {
        Map<String, Object> body = patientBody(uniqueMrn());
        body.put("birthDate", LocalDate.now().plusDays(2).toString());
        Db.Snapshot before = db.snapshot();

        invalid(as(Tokens.scheduler()).body(body).post(PATIENTS), "birthDate");

        before.assertNothingWritten();
    }

    @Test
    void anUnknownTimeZoneIsInvalid() {
        Map<String, Object> body = patientBody(uniqueMrn());
        body.put("timeZone", UNKNOWN_ZONE);
        Db.Snapshot before = db.snapshot();

        invalid(as(Tokens.scheduler()).body(body).post(PATIENTS), "timeZone");

        before.assertNothingWritten();
    }

    @Test
    void malformedJsonIsRefusedAsAProblem() {
        Db.Snapshot before = db.snapshot();

        malformed(as(Tokens.scheduler()).body("{\"mrn\": \"M-1\", ").post(PATIENTS));

        before.assertNothingWritten();
    }

    @Test
    void aJsonArrayInsteadOfAnObjectIsRefusedAsAProblem() {
        Db.Snapshot before = db.snapshot();

        malformed(as(Tokens.scheduler()).body("[]").post(PATIENTS));

        before.assertNothingWritten();
    }

    @Test
    void anEmptyBodyIsInvalid() {
        Db.Snapshot before = db.snapshot();

        problem(as(Tokens.scheduler()).body("").post(PATIENTS), 400, "validation");

        before.assertNothingWritten();
    }

    @Test
    void aBodyWithoutJsonContentTypeIsRefusedAsAProblem() {
        Db.Snapshot before = db.snapshot();

        Response response = given().auth().oauth2(Tokens.scheduler())
                .contentType(ContentType.TEXT).body("mrn=" + uniqueMrn()).post(PATIENTS);

        problem(response, 415, "http-415");
        before.assertNothingWritten();
    }

    @Test
    void aBodyWithoutAnyContentTypeIsRefusedAsAProblem() throws Exception {
        Db.Snapshot before = db.snapshot();
        HttpRequest request = HttpRequest.newBuilder(patientsUri)
                .header("Authorization", "Bearer " + Tokens.scheduler())
                .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(patientBody(uniqueMrn()))))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith(Api.PROBLEM_JSON));
        assertThat(response.body()).contains("\"type\":\"/problems/http-415\"");
        before.assertNothingWritten();
    }

    @Test
    void aPatientIsReadById() {
        String mrn = uniqueMrn();
        String id = Api.registerPatient(mrn);

        as(Tokens.nurse()).get(PATIENT, id).then().log().ifValidationFails()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("mrn", equalTo(mrn))
                .body("birthDate", equalTo(Api.BIRTH_DATE.toString()));
    }

    @Test
    void anUnknownPatientIsNotFound() {
        notFound(as(Tokens.nurse()).get(PATIENT, UUID.randomUUID()));
    }

    @Test
    void aPatientIsFoundByMrn() {
        String mrn = uniqueMrn();
        String id = Api.registerPatient(mrn);
        Api.registerPatient();

        as(Tokens.scheduler()).queryParam("mrn", mrn).get(PATIENTS).then().log().ifValidationFails()
                .statusCode(200)
                .body("items.id", contains(id))
                .body("items[0].mrn", equalTo(mrn))
                .body("total", equalTo(1));
    }

    @Test
    void anUnknownMrnFindsNoPatient() {
        as(Tokens.scheduler()).queryParam("mrn", uniqueMrn()).get(PATIENTS).then()
                .statusCode(200)
                .body("items", empty())
                .body("total", equalTo(0));
    }
}
