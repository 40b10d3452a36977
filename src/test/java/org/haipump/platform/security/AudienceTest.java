package org.haipump.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.haipump.support.Api;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * A token is this service's only when its {@code aud} names the service ({@code hai.jwt.audience}):
 * one that the same identity provider signed for another application, for a user in a group
 * called {@code nurse}, is refused.
 */
@QuarkusTest
class AudienceTest {

    private static int status(String token) {
        return RestAssured.given().auth().oauth2(token).get(Api.WORKLIST).statusCode();
    }

    @Test
    void aTokenForThisServiceIsAccepted() {
        assertThat(status(Tokens.forAudience(Tokens.AUDIENCE))).isEqualTo(200);
    }

    @Test
    void aTokenForAnotherApplicationIsUnauthorized() {
        assertThat(status(Tokens.forAudience("pharmacy-portal"))).isEqualTo(401);
    }

    @Test
    void aTokenWithoutAnAudienceIsUnauthorized() {
        assertThat(status(Tokens.withoutAudience())).isEqualTo(401);
    }
}
