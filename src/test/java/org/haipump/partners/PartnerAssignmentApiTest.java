package org.haipump.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.PARTNER_ASSIGNMENTS;
import static org.haipump.support.Api.PATIENT_PARTNER;
import static org.haipump.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.haipump.support.Api;
import org.haipump.support.Db;
import org.haipump.support.RecordedEvents;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

/** Which partner refills a patient at home: one at a time, every change kept as history. */
@QuarkusTest
class PartnerAssignmentApiTest {

    @Inject
    Db db;

    @Test
    void assigningAPartnerAnswersTheCurrentAssignmentAndTheSamePartnerAgainChangesNothing() {
        String patientId = Api.registerPatient();
        String partnerId = Api.createPartner();
        Response first = as(Tokens.scheduler()).body(Map.of("partnerId", partnerId)).put(PATIENT_PARTNER, patientId);
        first.then().statusCode(200).body("patientId", equalTo(patientId)).body("partnerId", equalTo(partnerId))
                .body("assignedAt", notNullValue()).body("assignedBy", equalTo(Tokens.SCHEDULER_UPN))
                .body("endedAt", nullValue());
        Db.Snapshot before = db.snapshot();
        as(Tokens.admin()).body(Map.of("partnerId", partnerId)).put(PATIENT_PARTNER, patientId)
                .then().statusCode(200).body("id", equalTo(first.path("id")));
        before.assertNothingWritten();
    }

    @Test
    void anotherPartnerEndsTheCurrentAssignmentAndTheHistoryShowsBoth() {
        String patientId = Api.registerPatient();
        String firstPartner = Api.createPartner();
        String secondPartner = Api.createPartner();
        Api.assignPartner(patientId, firstPartner);
        Api.assignPartner(patientId, secondPartner);
        as(Tokens.nurse()).get(PARTNER_ASSIGNMENTS, patientId).then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].partnerId", equalTo(firstPartner)).body("items[0].endedAt", notNullValue())
                .body("items[0].endedBy", equalTo(Tokens.SCHEDULER_UPN))
                .body("items[1].partnerId", equalTo(secondPartner)).body("items[1].endedAt", nullValue());
        as(Tokens.nurse()).get(Api.PATIENT, patientId).then().statusCode(200).body("partnerId", equalTo(secondPartner));
    }

    @Test
    void unassigningEndsTheCurrentAssignmentAndASecondUnassignmentIsAConflict() {
        String patientId = Api.registerPatient();
        Api.assignPartner(patientId, Api.createPartner());
        as(Tokens.scheduler()).delete(PATIENT_PARTNER, patientId).then().statusCode(204);
        as(Tokens.scheduler()).delete(PATIENT_PARTNER, patientId).then().statusCode(409)
                .body("type", equalTo("/problems/no-partner-assigned"));
        as(Tokens.scheduler()).get(PARTNER_ASSIGNMENTS, patientId).then().body("items", hasSize(1))
                .body("items[0].endedAt", notNullValue());
        as(Tokens.scheduler()).get(Api.PATIENT, patientId).then().body("partnerId", nullValue());
    }

    @Test
    void anUnknownPatientOrPartnerIs404NamingThePartnerField() {
        String partnerId = Api.createPartner();
        String patientId = Api.registerPatient();
        Db.Snapshot before = db.snapshot();
        as(Tokens.scheduler()).body(Map.of("partnerId", partnerId)).put(PATIENT_PARTNER, UUID.randomUUID())
                .then().statusCode(404);
        as(Tokens.scheduler()).body(Map.of("partnerId", UUID.randomUUID().toString()))
                .put(PATIENT_PARTNER, patientId).then().statusCode(404)
                .body("type", equalTo("/problems/not-found")).body("errors[0].field", equalTo("partnerId"));
        as(Tokens.scheduler()).delete(PATIENT_PARTNER, UUID.randomUUID()).then().statusCode(404);
        as(Tokens.scheduler()).get(PARTNER_ASSIGNMENTS, UUID.randomUUID()).then().statusCode(404);
        before.assertNothingWritten();
    }

    @Inject
    RecordedEvents events;

    @Test
    void assigningAndUnassigningFireTheirEvents() {
        String patientId = Api.registerPatient();
        String first = Api.createPartner();
        String second = Api.createPartner();
        Api.assignPartner(patientId, first);
        Api.assignPartner(patientId, second);
        as(Tokens.scheduler()).delete(PATIENT_PARTNER, patientId).then().statusCode(204);
        UUID patient = UUID.fromString(patientId);
        assertThat(events.of(PartnerAssigned.class).stream().filter(e -> e.patientId().equals(patient)))
                .extracting(PartnerAssigned::partnerId, PartnerAssigned::previousPartnerId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(UUID.fromString(first), null),
                        org.assertj.core.groups.Tuple.tuple(UUID.fromString(second), UUID.fromString(first)));
        assertThat(events.of(PartnerUnassigned.class).stream().filter(e -> e.patientId().equals(patient)))
                .extracting(PartnerUnassigned::partnerId)
                .containsExactly(UUID.fromString(first), UUID.fromString(second));
    }
}
