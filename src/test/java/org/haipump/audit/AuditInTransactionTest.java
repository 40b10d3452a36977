package org.haipump.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.FILLS;
import static org.haipump.support.Api.FULL_ML;
import static org.haipump.support.Api.PROBLEM_JSON;
import static org.haipump.support.Api.PROBLEM_TYPES;
import static org.haipump.support.Api.PUMP;
import static org.haipump.support.Api.as;
import static org.haipump.support.Api.daysAgo;
import static org.haipump.support.Api.fill;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.haipump.platform.web.RequestId;
import org.haipump.support.Api;
import org.haipump.support.Db;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An answered call and its audit record commit together: when the record cannot be written, a
 * change is not kept and a read is not answered. A trigger refuses the records of requests whose
 * id starts with {@value #REFUSED}, and of no others.
 */
@QuarkusTest
class AuditInTransactionTest {

    private static final String REFUSED = "audit-refused-";

    @Inject
    AuditRows audit;
    @Inject
    Db db;

    @BeforeEach
    void refuseTheRecordsOfMarkedRequests() {
        assertThat(audit.tryExecute("""
                create or replace function audit_event_refused_in_test() returns trigger language plpgsql as
                $$ begin raise exception 'audit record refused by the test'; end; $$""")).isNull();
        assertThat(audit.tryExecute("create trigger audit_event_refused_in_test before insert on audit_event"
                + " for each row when (new.caller_request_id like '" + REFUSED + "%')"
                + " execute function audit_event_refused_in_test()")).isNull();
    }

    @AfterEach
    void acceptEveryRecordAgain() {
        assertThat(audit.tryExecute("drop trigger audit_event_refused_in_test on audit_event")).isNull();
        assertThat(audit.tryExecute("drop function audit_event_refused_in_test()")).isNull();
    }

    @Test
    void aFillWhoseRecordCannotBeWrittenIsNotKept() {
        String pumpId = Api.newPump();
        var before = db.snapshot(pumpId);
        String refused = REFUSED + UUID.randomUUID();

        as(Tokens.nurse()).header(RequestId.HEADER, refused).body(fill(daysAgo(1), "CHEMOTHERAPY", FULL_ML))
                .post(FILLS, pumpId)
                .then().log().ifValidationFails()
                .statusCode(503)
                .contentType(PROBLEM_JSON)
                .header("Retry-After", "5")
                .body("type", equalTo(PROBLEM_TYPES + "unavailable"))
                .body("id", nullValue());

        before.assertNothingWritten();
        assertThat(audit.byRequestId(refused)).isEmpty();

        String accepted = "audit-accepted-" + UUID.randomUUID();
        String fillId = as(Tokens.nurse()).header(RequestId.HEADER, accepted)
                .body(fill(daysAgo(1), "CHEMOTHERAPY", FULL_ML)).post(FILLS, pumpId)
                .then().statusCode(201).extract().path("id");
        assertThat(audit.byRequestId(accepted)).singleElement()
                .satisfies(row -> assertThat(row.resourceId()).isEqualTo(fillId))
                .satisfies(row -> assertThat(row.status()).isEqualTo(201));
    }

    @Test
    void aReadWhoseRecordCannotBeWrittenIsNotAnswered() {
        String pumpId = Api.newPump();

        as(Tokens.nurse()).header(RequestId.HEADER, REFUSED + UUID.randomUUID()).get(PUMP, pumpId)
                .then().log().ifValidationFails()
                .statusCode(503)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo(PROBLEM_TYPES + "unavailable"))
                .body("serialNumber", nullValue())
                .body("patientId", nullValue());
    }
}
