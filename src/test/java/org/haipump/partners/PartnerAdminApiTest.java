package org.haipump.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.ETAG;
import static org.haipump.support.Api.IF_MATCH;
import static org.haipump.support.Api.PARTNER;
import static org.haipump.support.Api.PARTNERS;
import static org.haipump.support.Api.PROBLEM_JSON;
import static org.haipump.support.Api.SECRET_ROTATION;
import static org.haipump.support.Api.as;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.haipump.support.Api;
import org.haipump.support.Db;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

/** The clinic's register of partners: the secret is shown once, rotations overlap, changes honour If-Match. */
@QuarkusTest
class PartnerAdminApiTest {

    @Inject
    Db db;

    @Test
    void registeringAPartnerShowsItsWebhookSecretOnceAndCreatesItsEndpoint() {
        Map<String, Object> body = Api.partnerBody();
        Response created = as(Tokens.admin()).body(body).post(PARTNERS);
        created.then().statusCode(201).header("Location", endsWith(PARTNERS + "/" + created.path("id")))
                .header(ETAG, notNullValue())
                .body("name", equalTo(body.get("name"))).body("contactEmail", equalTo(Api.PARTNER_EMAIL))
                .body("webhookUrl", equalTo(body.get("webhookUrl"))).body("webhookSecret", startsWith("whsec_"))
                .body("createdAt", notNullValue()).body("updatedAt", notNullValue());
        String id = created.path("id");
        assertThat(db.count("webhook_endpoint", "partner_id", id)).isEqualTo(1);

        Response read = as(Tokens.admin()).get(PARTNER, id);
        read.then().statusCode(200).header(ETAG, notNullValue()).body("name", equalTo(body.get("name")));
        assertThat(read.jsonPath().getMap("$").keySet())
                .containsExactlyInAnyOrder("id", "name", "contactEmail", "webhookUrl", "createdAt", "updatedAt");
        as(Tokens.admin()).queryParam("size", 200).get(PARTNERS).then().statusCode(200)
                .body("items.id", hasItem(id)).body("items[0].webhookSecret", nullValue());
    }

    @Test
    void aPartnerMayBeRegisteredWithoutAWebhookUrl() {
        Map<String, Object> body = Api.partnerBody();
        body.remove("webhookUrl");
        as(Tokens.admin()).body(body).post(PARTNERS).then().statusCode(201).body("webhookUrl", nullValue())
                .body("webhookSecret", startsWith("whsec_"));
    }

    @Test
    void aMalformedEmailOrAUrlNotAllowedIsRefusedAndWritesNothing() {
        Db.Snapshot before = db.snapshot();
        as(Tokens.admin()).body(Api.with(Api.partnerBody(), "contactEmail", "not-an-email")).post(PARTNERS)
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors[0].field", equalTo("contactEmail"));
        as(Tokens.admin()).body(Api.with(Api.partnerBody(), "webhookUrl", "ftp://example.test/x")).post(PARTNERS)
                .then().statusCode(400).body("errors[0].field", equalTo("webhookUrl"));
        before.assertNothingWritten();
    }

    @Test
    void rotatingTheSecretShowsTheNewOneAndWhenThePreviousStopsSigning() {
        Response created = as(Tokens.admin()).body(Api.partnerBody()).post(PARTNERS);
        String id = created.path("id");
        String first = created.path("webhookSecret");
        Response rotated = as(Tokens.admin()).post(SECRET_ROTATION, id);
        rotated.then().statusCode(200).body("webhookSecret", startsWith("whsec_"))
                .body("previousSecretExpiresAt", notNullValue());
        assertThat((String) rotated.path("webhookSecret")).isNotEqualTo(first);
        assertThat(db.count("webhook_secret")).isPositive();
        as(Tokens.admin()).post(SECRET_ROTATION, java.util.UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void aMergePatchChangesOnlyTheMembersSentAndNullRemovesTheUrl() {
        Response created = as(Tokens.admin()).body(Api.partnerBody()).post(PARTNERS);
        String id = created.path("id");
        String etag = created.header(ETAG);
        Map<String, Object> patch = new HashMap<>();
        patch.put("webhookUrl", null);
        Response patched = as(Tokens.admin()).contentType("application/merge-patch+json").header(IF_MATCH, etag)
                .body(patch).patch(PARTNER, id);
        patched.then().statusCode(200).body("webhookUrl", nullValue()).body("name", equalTo(created.path("name")))
                .body("contactEmail", equalTo(Api.PARTNER_EMAIL));
        assertThat(patched.header(ETAG)).isNotEqualTo(etag);

        as(Tokens.admin()).header(IF_MATCH, etag).body(Map.of("name", "Stale")).patch(PARTNER, id)
                .then().statusCode(412);
        as(Tokens.admin()).body(Map.of("contactEmail", "care@agency.test")).patch(PARTNER, id)
                .then().statusCode(200).body("contactEmail", equalTo("care@agency.test"))
                .body("name", equalTo(created.path("name")));

        Db.Snapshot before = db.snapshot();
        Map<String, Object> noName = new HashMap<>();
        noName.put("name", null);
        as(Tokens.admin()).body(noName).patch(PARTNER, id).then().statusCode(400)
                .body("errors[0].field", equalTo("name"));
        as(Tokens.admin()).body(Map.of("colour", "blue")).patch(PARTNER, id).then().statusCode(400);
        as(Tokens.admin()).body(Map.of("contactEmail", "nope")).patch(PARTNER, id).then().statusCode(400)
                .body("errors[0].field", equalTo("contactEmail"));
        before.assertNothingWritten();
    }

    @Test
    void aPutReplacesThePartnerWholeAndHonoursIfMatch() {
        Response created = as(Tokens.admin()).body(Api.partnerBody()).post(PARTNERS);
        String id = created.path("id");
        Map<String, Object> replacement = Api.partnerBody();
        replacement.remove("webhookUrl");
        as(Tokens.admin()).header(IF_MATCH, "\"999\"").body(replacement).put(PARTNER, id).then().statusCode(412);
        as(Tokens.admin()).header(IF_MATCH, created.header(ETAG)).body(replacement).put(PARTNER, id)
                .then().statusCode(200).body("name", equalTo(replacement.get("name"))).body("webhookUrl", nullValue());
        as(Tokens.admin()).body(replacement).put(PARTNER, java.util.UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void onlyAnAdministratorManagesPartners() {
        for (String token : List.of(Tokens.scheduler(), Tokens.nurse(), Tokens.partner())) {
            as(token).body(Api.partnerBody()).post(PARTNERS).then().statusCode(403);
        }
    }
}
