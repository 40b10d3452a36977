package org.haipump.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.haipump.support.Api;
import org.haipump.support.Metrics;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The cache of verified tokens in the running service: a token seen again skips verification, a
 * refused one is verified every time, and a token that differs from a kept one in one character
 * is refused.
 */
@QuarkusTest
class TokenCacheTest {

    private static final String METRIC = "hai_security_token_cache_total";

    private static int status(String token) {
        return RestAssured.given().auth().oauth2(token).get(Api.WORKLIST).statusCode();
    }

    private static double count(Metrics scraped, String result) {
        return scraped.sum(METRIC, "result", result);
    }

    @Test
    void aTokenSeenAgainIsVerifiedOnceAndARefusedOneEveryTime() throws Exception {
        String token = Tokens.scheduler();
        String tampered = token.substring(0, token.length() - 2)
                + (token.charAt(token.length() - 2) == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        String wronglySigned = Tokens.wronglySigned();
        Metrics before = Metrics.scrape();

        assertThat(status(token)).isEqualTo(200);
        assertThat(status(token)).isEqualTo(200);
        assertThat(status(token)).isEqualTo(200);
        assertThat(status(tampered)).isEqualTo(401);
        assertThat(status(wronglySigned)).isEqualTo(401);
        assertThat(status(wronglySigned)).isEqualTo(401);
        assertThat(status(Tokens.expired())).isEqualTo(401);

        Metrics after = Metrics.scrape();
        assertThat(count(after, "hit") - count(before, "hit")).as("served from the cache").isEqualTo(2);
        assertThat(count(after, "miss") - count(before, "miss")).as("verified in full").isEqualTo(5);
    }
}
