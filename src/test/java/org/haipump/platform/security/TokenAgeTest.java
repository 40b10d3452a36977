package org.haipump.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import org.haipump.support.Api;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * A token issued more than an hour ago ({@code mp.jwt.verify.token.age}) is refused even when its
 * {@code exp} lies ahead, so that a long-lived token from a misconfigured identity provider is not
 * honoured for days.
 */
@QuarkusTest
class TokenAgeTest {

    private static int status(String token) {
        return RestAssured.given().auth().oauth2(token).get(Api.WORKLIST).statusCode();
    }

    @Test
    void aTokenIssuedFiftyMinutesAgoIsAccepted() {
        assertThat(status(Tokens.issuedAgo(Duration.ofMinutes(50)))).isEqualTo(200);
    }

    @Test
    void aTokenIssuedTwoHoursAgoIsUnauthorizedThoughNotExpired() {
        assertThat(status(Tokens.issuedAgo(Duration.ofHours(2)))).isEqualTo(401);
    }
}
