package org.haipump.packaged;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

/** The packaged jar, in the prod profile, enforces authentication and roles by itself. */
@QuarkusIntegrationTest
@QuarkusTestResource(value = ProductionKeysResource.class, restrictToAnnotatedClass = true)
class PackagedSecurityIT {

    @Test
    void anApiCallWithoutATokenIsUnauthorized() {
        given().get("/api/v1/worklist").then().statusCode(401);
    }

    @Test
    void aTokenFromAnUnknownKeyIsUnauthorized() throws Exception {
        given().auth().oauth2(Tokens.wronglySigned()).get("/api/v1/worklist").then().statusCode(401);
    }

    @Test
    void aPartnerIsForbiddenTheClinicApi() {
        given().auth().oauth2(Tokens.partner()).get("/api/v1/worklist").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void aSchedulerCannotRecordFills() {
        given().auth().oauth2(Tokens.scheduler()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/pumps/00000000-0000-0000-0000-000000000000/fills").then().statusCode(403);
    }

    @Test
    void aNurseReadsTheWorklist() {
        given().auth().oauth2(Tokens.nurse()).get("/api/v1/worklist").then().statusCode(200);
    }

    @Test
    void healthIsOpenOnTheManagementPortOnly() {
        given().get(ProductionKeysResource.managementUrl("/q/health/ready")).then().statusCode(200)
                .body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(404);
    }
}
