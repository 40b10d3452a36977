package org.haipump.partnerapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.APPOINTMENTS;
import static org.haipump.support.Api.FILLS;
import static org.haipump.support.Api.FULL_ML;
import static org.haipump.support.Api.PARTNER_FILLS;
import static org.haipump.support.Api.PARTNER_PUMP;
import static org.haipump.support.Api.PARTNER_REFILLS;
import static org.haipump.support.Api.PATIENT_PARTNER;
import static org.haipump.support.Api.as;
import static org.haipump.support.Api.daysAgo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haipump.audit.AuditRows;
import org.haipump.flags.OverdueScan;
import org.haipump.platform.web.RequestId;
import org.haipump.support.Api;
import org.haipump.support.Db;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

/** A partner's view of its own patients' refills, and the fills its nurses record at home. */
@QuarkusTest
class PartnerApiTest {

    private static final String KEY = "Idempotency-Key";
    private static final String REPLAYED = "Idempotent-Replayed";

    @Inject
    Db db;

    @Inject
    AuditRows audit;

    /** A new partner's patient with a pump filled with {@code drug} at {@code filledAt}. */
    private static String assignedPump(String partnerId, java.time.Instant filledAt, String drug) {
        String patientId = Api.registerPatient();
        Api.assignPartner(patientId, partnerId);
        return Api.pumpFilledAt(patientId, filledAt, drug, FULL_ML);
    }

    @Test
    void theRefillListShowsTheDueRefillsOfThePartnersPatientsMostUrgentFirstAndNothingMore() {
        String partnerId = Api.createPartner();
        String dueTomorrow = assignedPump(partnerId, daysAgo(13), "CHEMOTHERAPY");
        String overdue = assignedPump(partnerId, daysAgo(15), "HEPARIN");
        assignedPump(partnerId, daysAgo(1), "CHEMOTHERAPY");
        assignedPump(Api.createPartner(), daysAgo(13), "CHEMOTHERAPY");
        Map<String, Object> visit = Api.appointmentBody(dueTomorrow, Api.now().plus(Duration.ofHours(20)));
        visit.put("location", "HOME");
        String appointmentId = as(Tokens.scheduler()).body(visit).post(APPOINTMENTS).then().statusCode(201)
                .extract().path("id");

        Response list = as(Tokens.partner(UUID.fromString(partnerId))).get(PARTNER_REFILLS);
        list.then().statusCode(200).body("items", hasSize(2))
                .body("items[0].pumpId", equalTo(overdue)).body("items[0].status", equalTo("OVERDUE"))
                .body("items[0].expectedDrug", equalTo("CHEMOTHERAPY")).body("items[0].appointment", nullValue())
                .body("items[1].pumpId", equalTo(dueTomorrow)).body("items[1].status", equalTo("UPCOMING"))
                .body("items[1].expectedDrug", equalTo("HEPARIN")).body("items[1].basis", equalTo("INTERVAL"))
                .body("items[1].expectedVolumeMl", equalTo((float) Api.RESERVOIR_ML))
                .body("items[1].patient.givenName", equalTo(Api.GIVEN_NAME))
                .body("items[1].pump.model", equalTo(Api.MODEL))
                .body("items[1].appointment.id", equalTo(appointmentId))
                .body("items[1].appointment.status", equalTo("BOOKED"));
        assertThat(list.jsonPath().getMap("$").keySet()).containsExactly("items");
        Map<String, Object> item = list.jsonPath().getMap("items[1]");
        assertThat(item.keySet()).containsExactlyInAnyOrder("pumpId", "patient", "pump", "expectedDrug",
                "expectedVolumeMl", "dueAt", "reserveEndsAt", "status", "basis", "appointment");
        assertThat(list.jsonPath().getMap("items[1].patient").keySet())
                .containsExactlyInAnyOrder("id", "givenName", "familyName", "birthDate", "mrn");
        assertThat(list.jsonPath().getMap("items[1].pump").keySet()).containsExactlyInAnyOrder("model", "serialNumber");
        assertThat(list.jsonPath().getMap("items[1].appointment").keySet())
                .containsExactlyInAnyOrder("id", "startsAt", "status", "workOrderStatus", "proposedStartsAt");
        // The same deadline as the clinic's view of the pump.
        Map<String, Object> next = as(Tokens.scheduler()).get(Api.PUMP, dueTomorrow).jsonPath().getMap("nextRefill");
        assertThat(item.get("dueAt")).isEqualTo(next.get("dueAt"));
        assertThat(item.get("reserveEndsAt")).isEqualTo(next.get("reserveEndsAt"));

        as(Tokens.partner(UUID.fromString(partnerId))).queryParam("dueBefore", Api.now().toString())
                .get(PARTNER_REFILLS).then().statusCode(200).body("items.pumpId", equalTo(List.of(overdue)));
    }

    @Inject
    OverdueScan scan;

    @Test
    void aHomeVisitNobodyKeptIsShownAsMissedUntilTheRefillIsDone() {
        String partnerId = Api.createPartner();
        String pumpId = assignedPump(partnerId, daysAgo(13), "CHEMOTHERAPY");
        Instant startsAt = Api.now().plus(Duration.ofHours(1));
        Map<String, Object> visit = Api.appointmentBody(pumpId, startsAt);
        visit.put("location", "HOME");
        String appointmentId = as(Tokens.scheduler()).body(visit).post(APPOINTMENTS).then().statusCode(201)
                .extract().path("id");
        // The scan at the instant the visit counts as missed, as MissedAppointmentTest runs it.
        scan.runAt(startsAt.plus(Duration.ofHours(2)));
        String token = Tokens.partner(UUID.fromString(partnerId));
        as(token).get(PARTNER_REFILLS).then().statusCode(200)
                .body("items[0].appointment.id", equalTo(appointmentId))
                .body("items[0].appointment.status", equalTo("MISSED"));
        as(token).header(KEY, "after-missed-" + UUID.randomUUID()).body(Api.homeFill(Api.now(), "HEPARIN", FULL_ML))
                .post(PARTNER_FILLS, pumpId).then().statusCode(201);
        as(token).get(PARTNER_REFILLS).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void aHomeFillIsRecordedAtHomeWithThePartnerAndItsNurse() {
        String partnerId = Api.createPartner();
        String pumpId = assignedPump(partnerId, daysAgo(13), "CHEMOTHERAPY");
        Response created = as(Tokens.partner(UUID.fromString(partnerId))).header(KEY, "home-" + UUID.randomUUID())
                .body(Api.homeFill(Api.now(), "HEPARIN", FULL_ML)).post(PARTNER_FILLS, pumpId);
        created.then().statusCode(201).body("location", equalTo("HOME")).body("partnerId", equalTo(partnerId))
                .body("performedBy", equalTo(Api.HOME_NURSE)).body("drug", equalTo("HEPARIN"));
        assertThat(created.header("Location")).endsWith("/api/v1/partner/pumps/" + pumpId + "/fills/" + created.path("id"));
        as(Tokens.partner(UUID.fromString(partnerId))).get(created.header("Location")).then().statusCode(200)
                .body("location", equalTo("HOME"));
        as(Tokens.partner(UUID.fromString(partnerId))).get(PARTNER_FILLS, pumpId).then().statusCode(200)
                .body("items[0].id", equalTo(created.path("id")));
        as(Tokens.partner(UUID.fromString(partnerId))).get(PARTNER_PUMP, pumpId).then().statusCode(200)
                .body("id", equalTo(pumpId)).body("lastFill.drug", equalTo("HEPARIN"));
    }

    @Test
    void aClinicFillThatCompletesAHomeVisitIsAtHome() {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "CHEMOTHERAPY");
        Map<String, Object> visit = Api.appointmentBody(pumpId, Api.now().plus(Duration.ofHours(1)));
        visit.put("location", "HOME");
        String appointmentId = as(Tokens.scheduler()).body(visit).post(APPOINTMENTS).then().statusCode(201)
                .extract().path("id");
        Map<String, Object> fill = Api.fill(Api.now(), "HEPARIN", FULL_ML);
        fill.put("appointmentId", appointmentId);
        as(Tokens.nurse()).body(fill).post(FILLS, pumpId).then().statusCode(201).body("location", equalTo("HOME"))
                .body("partnerId", nullValue()).body("performedBy", nullValue());
        as(Tokens.nurse()).body(Api.fill(Api.now(), "CHEMOTHERAPY", FULL_ML)).post(FILLS, Api.pumpFilledAt(daysAgo(13),
                "HEPARIN")).then().statusCode(201).body("location", equalTo("CLINIC"));
    }

    @Test
    void aHomeFillWithoutAnIdempotencyKeyIsRefusedNamingTheHeader() {
        String partnerId = Api.createPartner();
        String pumpId = assignedPump(partnerId, daysAgo(13), "CHEMOTHERAPY");
        Db.Snapshot before = db.snapshot(pumpId);
        as(Tokens.partner(UUID.fromString(partnerId))).body(Api.homeFill(Api.now(), "HEPARIN", FULL_ML))
                .post(PARTNER_FILLS, pumpId).then().statusCode(400).body("errors[0].field", equalTo(KEY));
        before.assertNothingWritten();
    }

    @Test
    void aRepeatedHomeFillAnswersTheFirstAnswerAndWritesOneFill() {
        String partnerId = Api.createPartner();
        String pumpId = assignedPump(partnerId, daysAgo(13), "CHEMOTHERAPY");
        String key = "home-" + UUID.randomUUID();
        Map<String, Object> body = Api.homeFill(Api.now(), "HEPARIN", FULL_ML);
        Response first = as(Tokens.partner(UUID.fromString(partnerId))).header(KEY, key).body(body)
                .post(PARTNER_FILLS, pumpId);
        first.then().statusCode(201);
        // Another nurse of the same agency retries: the key is the agency's.
        Response repeat = as(Tokens.partner(UUID.fromString(partnerId), "other.nurse@partner.test")).header(KEY, key)
                .body(body).post(PARTNER_FILLS, pumpId);
        repeat.then().statusCode(201).header(REPLAYED, "true").body("id", equalTo(first.path("id")));
        assertThat(db.count("fill", "pump_id", pumpId)).isEqualTo(2);
    }

    @Test
    void twoPartnersOrAPartnerAndTheClinicUsingTheSameKeyRecordTwoFills() {
        String firstPartner = Api.createPartner();
        String secondPartner = Api.createPartner();
        String key = "shared-" + UUID.randomUUID();
        String firstPump = assignedPump(firstPartner, daysAgo(13), "CHEMOTHERAPY");
        String secondPump = assignedPump(secondPartner, daysAgo(13), "CHEMOTHERAPY");
        as(Tokens.partner(UUID.fromString(firstPartner))).header(KEY, key)
                .body(Api.homeFill(Api.now(), "HEPARIN", FULL_ML)).post(PARTNER_FILLS, firstPump)
                .then().statusCode(201).header(REPLAYED, nullValue());
        as(Tokens.partner(UUID.fromString(secondPartner))).header(KEY, key)
                .body(Api.homeFill(Api.now(), "HEPARIN", FULL_ML)).post(PARTNER_FILLS, secondPump)
                .then().statusCode(201).header(REPLAYED, nullValue());
        String clinicPump = Api.pumpFilledAt(daysAgo(13), "CHEMOTHERAPY");
        as(Tokens.nurse()).header(KEY, key).body(Api.fill(Api.now(), "HEPARIN", FULL_ML)).post(FILLS, clinicPump)
                .then().statusCode(201).header(REPLAYED, nullValue());
        assertThat(db.count("fill", "pump_id", firstPump)).isEqualTo(2);
        assertThat(db.count("fill", "pump_id", secondPump)).isEqualTo(2);
        assertThat(db.count("fill", "pump_id", clinicPump)).isEqualTo(2);
    }

    @Test
    void aPartnerWhosePatientWasUnassignedLosesAccessAtOnce() {
        String partnerId = Api.createPartner();
        String pumpId = assignedPump(partnerId, daysAgo(13), "CHEMOTHERAPY");
        String token = Tokens.partner(UUID.fromString(partnerId));
        as(token).get(PARTNER_PUMP, pumpId).then().statusCode(200);
        as(Tokens.scheduler()).delete(PATIENT_PARTNER, Api.patientOf(pumpId)).then().statusCode(204);
        as(token).get(PARTNER_PUMP, pumpId).then().statusCode(404);
        as(token).get(PARTNER_REFILLS).then().statusCode(200).body("items", hasSize(0));
        Db.Snapshot before = db.snapshot(pumpId);
        as(token).header(KEY, "late-" + UUID.randomUUID()).body(Api.homeFill(Api.now(), "HEPARIN", FULL_ML))
                .post(PARTNER_FILLS, pumpId).then().statusCode(404);
        before.assertNothingWritten();
    }

    @Test
    void everyPartnerCallIsAuditedWithThePartnerAndThePatient() {
        String partnerId = Api.createPartner();
        String pumpId = assignedPump(partnerId, daysAgo(13), "CHEMOTHERAPY");
        String patientId = Api.patientOf(pumpId);
        String token = Tokens.partner(UUID.fromString(partnerId));
        for (String path : List.of(PARTNER_PUMP, PARTNER_FILLS)) {
            String requestId = UUID.randomUUID().toString();
            as(token).header(RequestId.HEADER, requestId).get(path, pumpId).then().statusCode(200);
            AuditRows.Row row = audit.byRequestId(requestId).get(0);
            assertThat(row.partnerId()).isEqualTo(partnerId);
            assertThat(row.patientIds()).containsExactly(UUID.fromString(patientId));
        }
        String listed = UUID.randomUUID().toString();
        as(token).header(RequestId.HEADER, listed).get(PARTNER_REFILLS).then().statusCode(200);
        assertThat(audit.byRequestId(listed).get(0).patientIds()).contains(UUID.fromString(patientId));
        // A foreign partner's refused read is recorded against the patient it tried to reach.
        String refused = UUID.randomUUID().toString();
        as(Tokens.partner(UUID.fromString(Api.createPartner()))).header(RequestId.HEADER, refused)
                .get(PARTNER_PUMP, pumpId).then().statusCode(404);
        AuditRows.Row row = audit.byRequestId(refused).get(0);
        assertThat(row.patientIds()).containsExactly(UUID.fromString(patientId));
        assertThat(row.status()).isEqualTo(404);
    }
}
