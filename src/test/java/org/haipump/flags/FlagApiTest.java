package org.haipump.flags;

import static org.haipump.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.haipump.support.Api;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FlagApiTest {

    @Inject
    OverdueScan scan;

    @Test
    void aLatePumpsFlagCarriesItsCycleAndCanBeAcknowledgedByANurse() {
        Instant performedAt = Instant.now().minus(Duration.ofDays(15)).truncatedTo(ChronoUnit.SECONDS);
        String pumpId = Api.newPump();
        String fillId = Api.recordFill(pumpId, Api.fill(performedAt, "CHEMOTHERAPY", 30));
        scan.run();

        String flagId = as(Tokens.scheduler()).queryParam("pumpId", pumpId).queryParam("status", "OPEN")
                .get("/api/v1/flags").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].kind", equalTo("REFILL_OVERDUE"))
                .body("items[0].level", equalTo("OVERDUE"))
                .body("items[0].fillId", equalTo(fillId))
                .body("items[0].dueAt", equalTo(performedAt.plus(Duration.ofDays(14)).toString()))
                .body("items[0].reserveEndsAt", equalTo(performedAt.plus(Duration.ofDays(16)).toString()))
                .body("items[0].acknowledgedAt", nullValue())
                .extract().path("items[0].id");

        as(Tokens.nurse()).post("/api/v1/flags/{id}/acknowledgement", flagId).then().statusCode(200)
                .body("acknowledgedBy", equalTo(Tokens.NURSE_UPN))
                .body("acknowledgedAt", notNullValue())
                .body("status", equalTo("OPEN"));
    }

    @Test
    void aSecondAcknowledgementIsAConflict() {
        String flagId = openFlagOfALatePump();
        as(Tokens.nurse()).post("/api/v1/flags/{id}/acknowledgement", flagId).then().statusCode(200);

        as(Tokens.admin()).post("/api/v1/flags/{id}/acknowledgement", flagId).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("/problems/flag-acknowledged"));
    }

    @Test
    void aResolvedFlagCannotBeAcknowledged() {
        String pumpId = Api.newPump();
        Api.recordFill(pumpId, Api.fill(Instant.now().minus(Duration.ofDays(15)), "CHEMOTHERAPY", 30));
        scan.run();
        Api.recordFill(pumpId, Api.fill(Instant.now().minusSeconds(5), "HEPARIN", 30));
        String flagId = as(Tokens.nurse()).queryParam("pumpId", pumpId).get("/api/v1/flags")
                .then().statusCode(200).body("items[0].status", equalTo("RESOLVED"))
                .body("items[0].resolution", equalTo("REFILLED")).extract().path("items[0].id");

        as(Tokens.nurse()).post("/api/v1/flags/{id}/acknowledgement", flagId).then().statusCode(409)
                .body("type", equalTo("/problems/flag-resolved"));
    }

    @Test
    void anUnknownFlagIsNotFound() {
        as(Tokens.nurse()).post("/api/v1/flags/{id}/acknowledgement", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        as(Tokens.nurse()).get("/api/v1/flags/{id}", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void anUnknownStatusFilterIsABadRequest() {
        as(Tokens.nurse()).queryParam("status", "MAYBE").get("/api/v1/flags").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("status"));
        as(Tokens.nurse()).queryParam("pumpId", "not-a-uuid").get("/api/v1/flags").then().statusCode(400)
                .body("errors[0].field", equalTo("pumpId"));
    }

    private String openFlagOfALatePump() {
        String pumpId = Api.newPump();
        Api.recordFill(pumpId, Api.fill(Instant.now().minus(Duration.ofDays(15)), "CHEMOTHERAPY", 30));
        scan.run();
        return as(Tokens.nurse()).queryParam("pumpId", pumpId).queryParam("status", "OPEN").get("/api/v1/flags")
                .then().statusCode(200).extract().path("items[0].id");
    }
}
