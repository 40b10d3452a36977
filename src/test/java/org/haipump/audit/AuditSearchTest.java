package org.haipump.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.PATIENT;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.haipump.support.Api;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditSearchTest {

    private static final String AUDIT = "/api/v1/audit";

    @Inject
    AuditRows audit;

    @Test
    void anAdminSeesWhoReadAPatientNewestFirstRefusalsIncluded() {
        String patientId = Api.registerPatient();
        Api.as(Tokens.nurse()).get(PATIENT, patientId).then().statusCode(200);
        Api.as(Tokens.partner()).get(PATIENT, patientId).then().statusCode(403);

        Api.as(Tokens.admin()).queryParam("patientId", patientId).get(AUDIT).then().statusCode(200)
                .body("total", equalTo(3))
                .body("items.operation", equalTo(List.of("GET /api/v1/patients/{id}", "GET /api/v1/patients/{id}",
                        "POST /api/v1/patients")))
                .body("items.outcome", equalTo(List.of("DENIED", "SUCCESS", "SUCCESS")))
                .body("items.actor", equalTo(List.of("agency.nurse@partner.test", Tokens.NURSE_UPN,
                        "scheduler.smith@clinic.test")))
                .body("items.patientIds", everyItem(hasItem(patientId)));
    }

    @Test
    void readingTheTrailAboutAPatientIsItselfRecorded() {
        String patientId = Api.registerPatient();
        Api.as(Tokens.admin()).queryParam("patientId", patientId).get(AUDIT).then().statusCode(200);

        Api.as(Tokens.admin()).queryParam("patientId", patientId).get(AUDIT).then().statusCode(200)
                .body("items[0].operation", equalTo("GET /api/v1/audit"))
                .body("items[0].action", equalTo("SEARCH"))
                .body("items[0].resourceType", equalTo("audit-event"))
                .body("items[0].roles", equalTo(List.of("admin")));
    }

    @Test
    void theTimeRangeIsFromInclusiveToExclusive() {
        String patientId = Api.registerPatient();
        Instant after = Instant.now().plusSeconds(3600);
        Api.as(Tokens.admin()).queryParam("patientId", patientId).queryParam("to", after.toString())
                .queryParam("from", after.minusSeconds(7200).toString())
                .get(AUDIT).then().statusCode(200).body("total", equalTo(1))
                .body("items[0].operation", equalTo("POST /api/v1/patients"));
        Api.as(Tokens.admin()).queryParam("patientId", patientId).queryParam("from", after.toString())
                .get(AUDIT).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void anEmptyOrReversedRangeIsInvalid() {
        Instant at = Instant.parse("2026-11-01T00:00:00Z");
        Api.invalid(Api.as(Tokens.admin()).queryParam("from", at.toString()).queryParam("to", at.toString())
                .get(AUDIT), "from");
    }

    @Test
    void onlyAnAdminMayReadTheTrail() {
        for (String token : List.of(Tokens.nurse(), Tokens.scheduler(), Tokens.partner())) {
            Api.as(token).get(AUDIT).then().statusCode(403);
        }
    }

    @Test
    void theTrailCannotBeChangedOrEmptiedEvenByTheTablesOwner() {
        Api.registerPatient();
        long before = audit.count();
        assertThat(audit.tryExecute("update audit_event set actor = 'someone else'")).isEqualTo("42501");
        assertThat(audit.tryExecute("delete from audit_event")).isEqualTo("42501");
        assertThat(audit.tryExecute("truncate audit_event")).isEqualTo("42501");
        assertThat(audit.count()).isGreaterThanOrEqualTo(before);
    }
}
