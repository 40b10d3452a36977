package org.haipump.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.APPOINTMENT;
import static org.haipump.support.Api.APPOINTMENTS;
import static org.haipump.support.Api.CANCELLATION;
import static org.haipump.support.Api.FILL;
import static org.haipump.support.Api.FILLS;
import static org.haipump.support.Api.HOLDS;
import static org.haipump.support.Api.PATIENT;
import static org.haipump.support.Api.PATIENTS;
import static org.haipump.support.Api.PUMP;
import static org.haipump.support.Api.PUMPS;
import static org.haipump.support.Api.REMOVAL;
import static org.haipump.support.Api.SCHEDULE;
import static org.haipump.support.Api.THERAPY_MODE;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haipump.flags.OverdueScan;
import org.haipump.platform.web.RequestId;
import org.haipump.support.Api;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint that touches a patient leaves exactly one audit record naming the actor, the
 * operation, the resource and the patient, whether it was answered or refused.
 */
@QuarkusTest
class AuditTrailTest {

    private static final String SCHEDULER = "scheduler.smith@clinic.test";
    private static final String NURSE = Tokens.NURSE_UPN;
    private static final String ADMIN = "admin.lee@clinic.test";

    @Inject
    AuditRows audit;

    @Inject
    OverdueScan scan;

    @Test
    void patientRegistrationReadAndLookupAreRecordedAgainstThePatient() {
        String mrn = Api.uniqueMrn();
        String rid = requestId();
        String patientId = as(Tokens.scheduler(), rid).body(Api.patientBody(mrn)).post(PATIENTS)
                .then().statusCode(201).extract().path("id");
        expect(rid, SCHEDULER, "scheduler", "CREATE", "POST /api/v1/patients", "patient", patientId,
                List.of(patientId), "SUCCESS", 201);

        rid = requestId();
        as(Tokens.nurse(), rid).get(PATIENT, patientId).then().statusCode(200);
        expect(rid, NURSE, "nurse", "READ", "GET /api/v1/patients/{id}", "patient", patientId, List.of(patientId),
                "SUCCESS", 200);

        rid = requestId();
        as(Tokens.scheduler(), rid).queryParam("mrn", mrn).get(PATIENTS).then().statusCode(200);
        expect(rid, SCHEDULER, "scheduler", "SEARCH", "GET /api/v1/patients", "patient", null, List.of(patientId),
                "SUCCESS", 200);
    }

    @Test
    void refusedPatientRequestsAreRecordedToo() {
        String rid = requestId();
        as(Tokens.scheduler(), rid).body(Api.with(Api.patientBody(Api.uniqueMrn()), "birthDate", "not a date"))
                .post(PATIENTS).then().statusCode(400);
        expect(rid, SCHEDULER, "scheduler", "CREATE", "POST /api/v1/patients", "patient", null, List.of(),
                "REJECTED", 400);

        String unknown = UUID.randomUUID().toString();
        rid = requestId();
        as(Tokens.nurse(), rid).get(PATIENT, unknown).then().statusCode(404);
        expect(rid, NURSE, "nurse", "READ", "GET /api/v1/patients/{id}", "patient", unknown, List.of(),
                "NOT_FOUND", 404);
    }

    @Test
    void everyPumpEndpointIsRecordedAgainstThePumpsPatient() {
        String patientId = Api.registerPatient();
        String rid = requestId();
        String pumpId = as(Tokens.scheduler(), rid).body(Api.pumpBody(patientId)).post(PUMPS)
                .then().statusCode(201).extract().path("id");
        expect(rid, SCHEDULER, "scheduler", "CREATE", "POST /api/v1/pumps", "pump", pumpId, List.of(patientId),
                "SUCCESS", 201);

        rid = requestId();
        as(Tokens.nurse(), rid).get(PUMP, pumpId).then().statusCode(200);
        expect(rid, NURSE, "nurse", "READ", "GET /api/v1/pumps/{id}", "pump", pumpId, List.of(patientId),
                "SUCCESS", 200);

        rid = requestId();
        as(Tokens.nurse(), rid).queryParam("patientId", patientId).get(PUMPS).then().statusCode(200);
        expect(rid, NURSE, "nurse", "SEARCH", "GET /api/v1/pumps", "pump", null, List.of(patientId), "SUCCESS", 200);

        rid = requestId();
        as(Tokens.scheduler(), rid).get(SCHEDULE, pumpId).then().statusCode(200);
        expect(rid, SCHEDULER, "scheduler", "READ", "GET /api/v1/pumps/{id}/schedule", "pump-schedule", pumpId,
                List.of(patientId), "SUCCESS", 200);

        rid = requestId();
        as(Tokens.nurse(), rid).body(Map.of("mode", "MAINTENANCE")).post(THERAPY_MODE, pumpId)
                .then().statusCode(200);
        expect(rid, NURSE, "nurse", "UPDATE", "POST /api/v1/pumps/{id}/therapy-mode", "pump", pumpId,
                List.of(patientId), "SUCCESS", 200);

        rid = requestId();
        as(Tokens.scheduler(), rid).get(HOLDS, pumpId).then().statusCode(200);
        expect(rid, SCHEDULER, "scheduler", "SEARCH", "GET /api/v1/pumps/{id}/glycerol-holds", "glycerol-hold",
                null, List.of(patientId), "SUCCESS", 200);

        rid = requestId();
        as(Tokens.nurse(), rid).body(Api.removalBody(Api.today(), "COMPLETED_THERAPY")).post(REMOVAL, pumpId)
                .then().statusCode(200);
        expect(rid, NURSE, "nurse", "UPDATE", "POST /api/v1/pumps/{id}/removal", "pump", pumpId,
                List.of(patientId), "SUCCESS", 200);
    }

    @Test
    void glycerolHoldsAreRecordedWithTheHoldAndThePumpsPatient() {
        String pumpId = Api.pumpFilledAt(Api.daysAgo(1), "CHEMOTHERAPY");
        String patientId = patientOf(pumpId);
        LocalDate departOn = Api.today().plusDays(20);
        String rid = requestId();
        String holdId = as(Tokens.scheduler(), rid).body(Api.holdBody(departOn, departOn.plusDays(30)))
                .post(HOLDS, pumpId).then().statusCode(201).extract().path("id");
        expect(rid, SCHEDULER, "scheduler", "CREATE", "POST /api/v1/pumps/{id}/glycerol-holds", "glycerol-hold",
                holdId, List.of(patientId), "SUCCESS", 201);

        rid = requestId();
        as(Tokens.nurse(), rid).get(HOLDS + "/{holdId}", pumpId, holdId).then().statusCode(200);
        expect(rid, NURSE, "nurse", "READ", "GET /api/v1/pumps/{id}/glycerol-holds/{holdId}", "glycerol-hold",
                holdId, List.of(patientId), "SUCCESS", 200);
    }

    @Test
    void aGlycerolHoldsCancellationIsRecordedWithTheHoldAndThePumpsPatient() {
        String pumpId = Api.pumpFilledAt(Api.daysAgo(1), "CHEMOTHERAPY");
        String patientId = patientOf(pumpId);
        String holdId = Api.planHold(pumpId, Api.today().plusDays(20), Api.today().plusDays(50));

        String rid = requestId();
        as(Tokens.scheduler(), rid).body(Api.cancellationBody("Trip called off"))
                .post(Api.HOLD_CANCELLATION, pumpId, holdId).then().statusCode(200);
        expect(rid, SCHEDULER, "scheduler", "UPDATE", "POST /api/v1/pumps/{id}/glycerol-holds/{holdId}/cancellation",
                "glycerol-hold", holdId, List.of(patientId), "SUCCESS", 200);

        rid = requestId();
        as(Tokens.scheduler(), rid).body(Api.cancellationBody("Trip called off"))
                .post(Api.HOLD_CANCELLATION, pumpId, holdId).then().statusCode(409);
        expect(rid, SCHEDULER, "scheduler", "UPDATE", "POST /api/v1/pumps/{id}/glycerol-holds/{holdId}/cancellation",
                "glycerol-hold", holdId, List.of(patientId), "REJECTED", 409);
    }

    @Test
    void chemotherapyHoldsAreRecordedWithTheHoldAndThePumpsPatient() {
        String pumpId = Api.pumpFilledAt(Api.daysAgo(1), "CHEMOTHERAPY");
        String patientId = patientOf(pumpId);
        String rid = requestId();
        String holdId = as(Tokens.nurse(), rid).body(Api.chemoHoldBody(Api.today(), Api.today().plusDays(14)))
                .post(Api.CHEMO_HOLDS, pumpId).then().statusCode(201).extract().path("id");
        expect(rid, NURSE, "nurse", "CREATE", "POST /api/v1/pumps/{id}/chemotherapy-holds", "chemotherapy-hold",
                holdId, List.of(patientId), "SUCCESS", 201);

        rid = requestId();
        as(Tokens.scheduler(), rid).get(Api.CHEMO_HOLDS, pumpId).then().statusCode(200);
        expect(rid, SCHEDULER, "scheduler", "SEARCH", "GET /api/v1/pumps/{id}/chemotherapy-holds", "chemotherapy-hold",
                null, List.of(patientId), "SUCCESS", 200);

        rid = requestId();
        as(Tokens.scheduler(), rid).get(Api.CHEMO_HOLD, pumpId, holdId).then().statusCode(200);
        expect(rid, SCHEDULER, "scheduler", "READ", "GET /api/v1/pumps/{id}/chemotherapy-holds/{holdId}",
                "chemotherapy-hold", holdId, List.of(patientId), "SUCCESS", 200);

        rid = requestId();
        as(Tokens.scheduler(), rid).body(Map.of()).post(Api.CHEMO_HOLD_END, pumpId, holdId).then().statusCode(403);
        expect(rid, SCHEDULER, "scheduler", "UPDATE", "POST /api/v1/pumps/{id}/chemotherapy-holds/{holdId}/end",
                "chemotherapy-hold", holdId, List.of(patientId), "DENIED", 403);

        rid = requestId();
        as(Tokens.nurse(), rid).body(Map.of()).post(Api.CHEMO_HOLD_END, pumpId, holdId).then().statusCode(200);
        expect(rid, NURSE, "nurse", "UPDATE", "POST /api/v1/pumps/{id}/chemotherapy-holds/{holdId}/end",
                "chemotherapy-hold", holdId, List.of(patientId), "SUCCESS", 200);

        rid = requestId();
        as(Tokens.nurse(), rid).body(Map.of()).post(Api.CHEMO_HOLD_END, pumpId, holdId).then().statusCode(409);
        expect(rid, NURSE, "nurse", "UPDATE", "POST /api/v1/pumps/{id}/chemotherapy-holds/{holdId}/end",
                "chemotherapy-hold", holdId, List.of(patientId), "REJECTED", 409);
    }

    @Test
    void deniedCallsNameWhoTriedAndWhosePatientItWas() {
        String pumpId = Api.newPump();
        String patientId = patientOf(pumpId);

        String rid = requestId();
        as(Tokens.partner(), rid).get(PUMP, pumpId).then().statusCode(403);
        AuditRows.Row row = only(rid);
        assertThat(row.actor()).isEqualTo("agency.nurse@partner.test");
        assertThat(row.partnerId()).isEqualTo("partner-1");
        assertThat(row.roles()).isEqualTo("partner");
        assertThat(row.patientIds()).containsExactly(UUID.fromString(patientId));
        assertThat(row.outcome()).isEqualTo("DENIED");
        assertThat(row.status()).isEqualTo(403);

        rid = requestId();
        given().header(RequestId.HEADER, rid).get(PUMP, pumpId).then().statusCode(401);
        expect(rid, null, null, "READ", "GET /api/v1/pumps/{id}", "pump", pumpId, List.of(patientId), "DENIED", 401);

        rid = requestId();
        as(Tokens.scheduler(), rid).body(Api.fill(Api.now(), "CHEMOTHERAPY", Api.FULL_ML)).post(FILLS, pumpId)
                .then().statusCode(403);
        expect(rid, SCHEDULER, "scheduler", "CREATE", "POST /api/v1/pumps/{pumpId}/fills", "fill", null,
                List.of(patientId), "DENIED", 403);
    }

    @Test
    void fillsAreRecordedWhenAcceptedAndWhenRefused() {
        String pumpId = Api.newPump();
        String patientId = patientOf(pumpId);
        String rid = requestId();
        String fillId = as(Tokens.nurse(), rid).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Api.fill(Api.daysAgo(1), "CHEMOTHERAPY", Api.FULL_ML)).post(FILLS, pumpId)
                .then().statusCode(201).extract().path("id");
        expect(rid, NURSE, "nurse", "CREATE", "POST /api/v1/pumps/{pumpId}/fills", "fill", fillId,
                List.of(patientId), "SUCCESS", 201);

        rid = requestId();
        // More than the reservoir holds: a clinical rule, 422.
        as(Tokens.nurse(), rid).body(Api.fill(Api.now(), "HEPARIN", Api.RESERVOIR_ML + 0.01)).post(FILLS, pumpId)
                .then().statusCode(422);
        expect(rid, NURSE, "nurse", "CREATE", "POST /api/v1/pumps/{pumpId}/fills", "fill", null,
                List.of(patientId), "REJECTED", 422);

        rid = requestId();
        as(Tokens.scheduler(), rid).get(FILLS, pumpId).then().statusCode(200);
        expect(rid, SCHEDULER, "scheduler", "SEARCH", "GET /api/v1/pumps/{pumpId}/fills", "fill", null,
                List.of(patientId), "SUCCESS", 200);

        rid = requestId();
        as(Tokens.scheduler(), rid).get(FILL, pumpId, fillId).then().statusCode(200);
        expect(rid, SCHEDULER, "scheduler", "READ", "GET /api/v1/pumps/{pumpId}/fills/{fillId}", "fill", fillId,
                List.of(patientId), "SUCCESS", 200);
    }

    @Test
    void appointmentsAreRecordedAgainstTheirPatient() {
        String pumpId = Api.pumpFilledAt(Api.daysAgo(12), "CHEMOTHERAPY");
        String patientId = patientOf(pumpId);
        String rid = requestId();
        String appointmentId = as(Tokens.scheduler(), rid).body(Api.appointmentBody(pumpId, Api.now().plusSeconds(86_400)))
                .post(APPOINTMENTS).then().statusCode(201).extract().path("id");
        expect(rid, SCHEDULER, "scheduler", "CREATE", "POST /api/v1/appointments", "appointment", appointmentId,
                List.of(patientId), "SUCCESS", 201);

        rid = requestId();
        as(Tokens.nurse(), rid).get(APPOINTMENT, appointmentId).then().statusCode(200);
        expect(rid, NURSE, "nurse", "READ", "GET /api/v1/appointments/{id}", "appointment", appointmentId,
                List.of(patientId), "SUCCESS", 200);

        rid = requestId();
        as(Tokens.scheduler(), rid).body(Map.of("startsAt", Api.now().plusSeconds(90_000).toString()))
                .post(Api.RESCHEDULE, appointmentId).then().statusCode(200);
        expect(rid, SCHEDULER, "scheduler", "UPDATE", "POST /api/v1/appointments/{id}/reschedule", "appointment",
                appointmentId, List.of(patientId), "SUCCESS", 200);

        rid = requestId();
        as(Tokens.scheduler(), rid).body(Map.of("reason", "Patient asked to move it"))
                .post(CANCELLATION, appointmentId).then().statusCode(200);
        expect(rid, SCHEDULER, "scheduler", "UPDATE", "POST /api/v1/appointments/{id}/cancellation", "appointment",
                appointmentId, List.of(patientId), "SUCCESS", 200);
    }

    @Test
    void flagsAreRecordedAgainstTheirPatient() {
        String pumpId = Api.pumpFilledAt(Api.daysAgo(15), "CHEMOTHERAPY");
        String patientId = patientOf(pumpId);
        scan.run();
        String flagId = as(Tokens.nurse(), requestId()).queryParam("pumpId", pumpId).get("/api/v1/flags")
                .then().statusCode(200).extract().path("items[0].id");

        String rid = requestId();
        as(Tokens.nurse(), rid).queryParam("pumpId", pumpId).get("/api/v1/flags").then().statusCode(200);
        expect(rid, NURSE, "nurse", "SEARCH", "GET /api/v1/flags", "flag", null, List.of(patientId), "SUCCESS", 200);

        rid = requestId();
        as(Tokens.nurse(), rid).get("/api/v1/flags/{id}", flagId).then().statusCode(200);
        expect(rid, NURSE, "nurse", "READ", "GET /api/v1/flags/{id}", "flag", flagId, List.of(patientId),
                "SUCCESS", 200);

        rid = requestId();
        as(Tokens.nurse(), rid).post("/api/v1/flags/{id}/acknowledgement", flagId).then().statusCode(200);
        expect(rid, NURSE, "nurse", "UPDATE", "POST /api/v1/flags/{id}/acknowledgement", "flag", flagId,
                List.of(patientId), "SUCCESS", 200);
    }

    @Test
    void reviewResolutionsAreRecordedAgainstTheirPatientWhenAcceptedAndWhenRefused() {
        String pumpId = Api.pumpFoundEmpty();
        String patientId = patientOf(pumpId);
        String flagId = Api.openFlagOf(pumpId, "PATENCY_REVIEW");

        String rid = requestId();
        as(Tokens.nurse(), rid).body(Api.resolutionBody("Flow study normal.")).post(Api.RESOLUTION, flagId)
                .then().statusCode(200);
        expect(rid, NURSE, "nurse", "UPDATE", "POST /api/v1/flags/{id}/resolution", "flag", flagId,
                List.of(patientId), "SUCCESS", 200);

        rid = requestId();
        as(Tokens.nurse(), rid).body(Api.resolutionBody("Again.")).post(Api.RESOLUTION, flagId)
                .then().statusCode(409);
        expect(rid, NURSE, "nurse", "UPDATE", "POST /api/v1/flags/{id}/resolution", "flag", flagId,
                List.of(patientId), "REJECTED", 409);

        rid = requestId();
        as(Tokens.nurse(), rid).body(Api.resolutionBody(" ")).post(Api.RESOLUTION, flagId).then().statusCode(400);
        expect(rid, NURSE, "nurse", "UPDATE", "POST /api/v1/flags/{id}/resolution", "flag", flagId,
                List.of(patientId), "REJECTED", 400);
    }

    @Test
    void aWorklistViewNamesEveryPatientOnThePage() {
        Api.pumpFilledAt(Api.daysAgo(13), "CHEMOTHERAPY");
        String rid = requestId();
        List<String> shown = as(Tokens.nurse(), rid).queryParam("size", 20).get("/api/v1/worklist")
                .then().statusCode(200).extract().path("items.patient.id");
        assertThat(shown).isNotEmpty();
        AuditRows.Row row = only(rid);
        assertThat(row.operation()).isEqualTo("GET /api/v1/worklist");
        assertThat(row.action()).isEqualTo("SEARCH");
        assertThat(row.patientIds()).containsExactlyInAnyOrderElementsOf(
                shown.stream().distinct().map(UUID::fromString).toList());
    }

    @Test
    void theServiceMakesTheRequestIdAndKeepsTheCallersBesideItWhenItIsAnId() {
        String rid = requestId();
        String answered = as(Tokens.nurse(), rid).get(PATIENT, UUID.randomUUID()).then().statusCode(404)
                .extract().header(RequestId.HEADER);
        assertThat(answered).isNotEqualTo(rid).matches("[0-9a-f-]{36}");
        assertThat(audit.byRequestId(answered)).singleElement().satisfies(row -> {
            assertThat(row.requestId()).isEqualTo(answered);
            assertThat(row.callerRequestId()).isEqualTo(rid);
        });

        String generated = as(Tokens.nurse(), "MRN 12345 Ada Testpatient").get(PATIENT, UUID.randomUUID())
                .then().statusCode(404).extract().header(RequestId.HEADER);
        assertThat(generated).isNotEqualTo("MRN 12345 Ada Testpatient").matches("[0-9a-f-]{36}");
        assertThat(audit.byRequestId(generated)).singleElement()
                .satisfies(row -> assertThat(row.callerRequestId()).isNull());
    }

    private String patientOf(String pumpId) {
        return as(Tokens.nurse(), requestId()).get(PUMP, pumpId).then().statusCode(200).extract().path("patientId");
    }

    private static String requestId() {
        return "audit-test-" + UUID.randomUUID();
    }

    private static RequestSpecification as(String token, String requestId) {
        return Api.as(token).header(RequestId.HEADER, requestId);
    }

    private AuditRows.Row only(String requestId) {
        List<AuditRows.Row> rows = audit.byRequestId(requestId);
        assertThat(rows).as("audit records of request %s", requestId).hasSize(1);
        return rows.get(0);
    }

    private void expect(String requestId, String actor, String roles, String action, String operation,
                        String resourceType, String resourceId, List<String> patients, String outcome, int status) {
        AuditRows.Row row = only(requestId);
        // The record is found by the caller's id; the service's own id and the origin are AuditQualityTest's.
        assertThat(row).as("audit record of %s", operation).isEqualTo(new AuditRows.Row(row.requestId(), actor,
                roles, null, action, operation, resourceType, resourceId,
                patients.stream().map(UUID::fromString).toList(), outcome, status, requestId, row.clientAddress(),
                row.tokenClient(), row.tokenId()));
    }
}
