package org.haipump.partnerapi;

import static org.haipump.support.Api.FULL_ML;
import static org.haipump.support.Api.PARTNER_FILL;
import static org.haipump.support.Api.PARTNER_FILLS;
import static org.haipump.support.Api.PARTNER_PUMP;
import static org.haipump.support.Api.PARTNER_REFILLS;
import static org.haipump.support.Api.as;
import static org.haipump.support.Api.daysAgo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.UUID;
import org.haipump.support.Api;
import org.haipump.support.Db;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Another agency's patient is out of reach: every partner endpoint answers a foreign partner
 * exactly as it answers an id that does not exist (404, the same problem), and writes nothing.
 */
@QuarkusTest
class PartnerIsolationTest {

    @Inject
    Db db;

    @Test
    void everyPartnerEndpointAnswersAForeignPartner404AndChangesNothing() {
        String owner = Api.createPartner();
        String patientId = Api.registerPatient();
        Api.assignPartner(patientId, owner);
        String pumpId = Api.pumpFilledAt(patientId, daysAgo(13), "CHEMOTHERAPY", FULL_ML);
        String fillId = as(Tokens.partner(UUID.fromString(owner))).header("Idempotency-Key", "own-" + UUID.randomUUID())
                .body(Api.homeFill(Api.now(), "HEPARIN", FULL_ML)).post(PARTNER_FILLS, pumpId)
                .then().statusCode(201).extract().path("id");
        String foreign = Tokens.partner(UUID.fromString(Api.createPartner()));
        String unknownPump = UUID.randomUUID().toString();

        Db.Snapshot before = db.snapshot(pumpId);
        sameAsUnknown(as(foreign).get(PARTNER_PUMP, pumpId), as(foreign).get(PARTNER_PUMP, unknownPump), pumpId, unknownPump);
        sameAsUnknown(as(foreign).get(PARTNER_FILLS, pumpId), as(foreign).get(PARTNER_FILLS, unknownPump), pumpId,
                unknownPump);
        sameAsUnknown(as(foreign).get(PARTNER_FILL, pumpId, fillId), as(foreign).get(PARTNER_FILL, unknownPump, fillId),
                pumpId, unknownPump);
        String key = "foreign-" + UUID.randomUUID();
        sameAsUnknown(as(foreign).header("Idempotency-Key", key).body(Api.homeFill(Api.now(), "HEPARIN", FULL_ML))
                        .post(PARTNER_FILLS, pumpId),
                as(foreign).header("Idempotency-Key", key).body(Api.homeFill(Api.now(), "HEPARIN", FULL_ML))
                        .post(PARTNER_FILLS, unknownPump), pumpId, unknownPump);
        as(foreign).get(PARTNER_REFILLS).then().statusCode(200).body("items.pumpId", not(hasItem(pumpId)));
        before.assertNothingWritten();
    }

    @Test
    void aPartnerTokenNamingNoKnownPartnerIsForbidden() {
        as(Tokens.partner(UUID.randomUUID())).get(PARTNER_REFILLS).then().statusCode(403)
                .body("type", equalTo("/problems/unknown-partner"));
    }

    /** The same status, type and title; the detail differs only by the id the caller sent. */
    private static void sameAsUnknown(Response foreign, Response unknown, String pumpId, String unknownPump) {
        foreign.then().statusCode(404).body("type", equalTo(unknown.path("type")))
                .body("title", equalTo(unknown.path("title")))
                .body("detail", equalTo(((String) unknown.path("detail")).replace(unknownPump, pumpId)));
        unknown.then().statusCode(404);
    }
}
