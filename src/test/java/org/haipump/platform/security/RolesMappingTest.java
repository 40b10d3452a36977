package org.haipump.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.haipump.support.Api;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * An identity provider's group names map onto the service's roles
 * ({@code quarkus.http.auth.roles-mapping}; the test profile maps {@code hospital-nurses} to
 * {@code nurse}): the mapped group gets exactly that role, and a group that is mapped to nothing
 * gets none.
 */
@QuarkusTest
class RolesMappingTest {

    @Test
    void aMappedGroupActsAsItsRole() {
        String token = Tokens.forRole("hospital-nurses", "nurse.mapped@clinic.test");

        assertThat(RestAssured.given().auth().oauth2(token).get(Api.WORKLIST).statusCode()).isEqualTo(200);
    }

    @Test
    void aMappedGroupGetsNoOtherRole() {
        String token = Tokens.forRole("hospital-nurses", "nurse.mapped@clinic.test");

        assertThat(RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON).body("{}")
                .post(Api.PARTNERS).statusCode()).isEqualTo(403);
    }

    @Test
    void aGroupMappedToNothingGetsNoRole() {
        String token = Tokens.forRole("hospital-porters", "porter@clinic.test");

        assertThat(RestAssured.given().auth().oauth2(token).get(Api.WORKLIST).statusCode()).isEqualTo(403);
    }
}
