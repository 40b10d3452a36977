package org.haipump.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.PATIENT;
import static org.haipump.support.Api.WORKLIST;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.haipump.platform.web.RequestId;
import org.haipump.support.Api;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * What a record says of where its request came from: the service's own request id, the caller's
 * beside it, the client's address (never one the client claims for itself), the token's client and
 * id; and a patient named in a query only where the operation takes that parameter.
 */
@QuarkusTest
class AuditQualityTest {

    @Inject
    AuditRows audit;

    @Test
    void aRecordNamesTheAddressTheTokensClientAndTheTokensId() {
        String callerId = "quality-" + UUID.randomUUID();
        String tokenId = UUID.randomUUID().toString();
        String patientId = Api.registerPatient();

        String requestId = Api.as(Tokens.nurseFromClient("hai-nurse-dashboard", tokenId))
                .header(RequestId.HEADER, callerId)
                // Forwarded addresses count only from trusted proxies; none is configured here.
                .header("X-Forwarded-For", "203.0.113.9")
                .get(PATIENT, patientId).then().statusCode(200).extract().header(RequestId.HEADER);

        assertThat(audit.byRequestId(callerId)).singleElement().satisfies(row -> {
            assertThat(row.requestId()).isEqualTo(requestId).isNotEqualTo(callerId);
            assertThat(row.callerRequestId()).isEqualTo(callerId);
            assertThat(row.clientAddress()).isEqualTo("127.0.0.1");
            assertThat(row.tokenClient()).isEqualTo("hai-nurse-dashboard");
            assertThat(row.tokenId()).isEqualTo(tokenId);
            assertThat(row.patientIds()).containsExactly(UUID.fromString(patientId));
        });
    }

    @Test
    void aPatientIdInTheQueryOfAnOperationThatTakesNoneNamesNoPatient() {
        String callerId = "quality-" + UUID.randomUUID();
        String patientId = Api.registerPatient();

        Api.as(Tokens.nurse()).header(RequestId.HEADER, callerId).queryParam("patientId", patientId)
                .queryParam("dueBefore", "2000-01-01T00:00:00Z")
                .get(WORKLIST).then().statusCode(200);

        assertThat(audit.byRequestId(callerId)).singleElement()
                .satisfies(row -> assertThat(row.patientIds()).doesNotContain(UUID.fromString(patientId)));
    }

    @Test
    void aPatientIdInTheQueryOfAnOperationThatTakesOneNamesThePatientSearchedFor() {
        String callerId = "quality-" + UUID.randomUUID();
        String patientId = Api.registerPatient();

        Api.as(Tokens.scheduler()).header(RequestId.HEADER, callerId).queryParam("patientId", patientId)
                .get(Api.PUMPS).then().statusCode(200);

        assertThat(audit.byRequestId(callerId)).singleElement()
                .satisfies(row -> assertThat(row.patientIds()).containsExactly(UUID.fromString(patientId)));
    }
}
