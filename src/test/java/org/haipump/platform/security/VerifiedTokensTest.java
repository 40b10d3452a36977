package org.haipump.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.haipump.support.MovingClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How long a verified token is served again, and what is never served. */
class VerifiedTokensTest {

    private static final Instant VERIFIED = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration MAX_AGE = Duration.ofSeconds(60);
    private static final long ROOMY = 1_000_000;

    private final MovingClock clock = new MovingClock(VERIFIED);

    @ParameterizedTest(name = "exp {0} s after verification, looked up {1} s after: served {2}")
    @CsvSource({
            // exp within the maximum age: served until exp, not at it
            "30, 0, true",
            "30, 29.999, true",
            "30, 30, false",
            // exp past the maximum age: served until the maximum age, not at it
            "3600, 59.999, true",
            "3600, 60, false",
            "3600, 61, false",
            // exp at the maximum age
            "60, 59.999, true",
            "60, 60, false",
            // already expired when it verified (a clock skew the validator allowed): never kept
            "0, 0, false",
            "-5, 0, false"})
    void aTokenIsServedUntilItsExpOrTheMaximumAgeWhicheverComesFirst(long expAfter, double lookedUpAfter,
                                                                      boolean served) {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(MAX_AGE, ROOMY, clock);
        tokens.keep("token-a", "identity-a", VERIFIED.plusSeconds(expAfter));

        clock.set(VERIFIED.plusMillis(Math.round(lookedUpAfter * 1000)));

        assertThat(tokens.find("token-a").isPresent()).isEqualTo(served);
    }

    @Test
    void onlyTheExactTokenFindsItsEntry() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(MAX_AGE, ROOMY, clock);
        tokens.keep("header.payload.signature", "identity", VERIFIED.plusSeconds(300));

        assertThat(tokens.find("header.payload.signature")).contains("identity");
        assertThat(tokens.find("header.payload.signaturf")).isEmpty();
        assertThat(tokens.find("header.payload.signature ")).isEmpty();
        assertThat(tokens.find("")).isEmpty();
    }

    @Test
    void clearingForgetsEveryToken() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(MAX_AGE, ROOMY, clock);
        tokens.keep("token-a", "a", VERIFIED.plusSeconds(300));
        tokens.keep("token-b", "b", VERIFIED.plusSeconds(300));

        tokens.clear();

        assertThat(tokens.find("token-a")).isEmpty();
        assertThat(tokens.find("token-b")).isEmpty();
    }

    @Test
    void theCacheKeepsNoMoreThanItsMemoryAllows() {
        String token = "x".repeat(1000);
        long perEntry = token.length() + 1 + VerifiedTokens.ENTRY_ALLOWANCE;
        VerifiedTokens<String> tokens = new VerifiedTokens<>(MAX_AGE, perEntry * 10, clock);

        for (int i = 0; i < 100; i++) {
            tokens.keep(token + (char) ('a' + i % 26) + i, "identity", VERIFIED.plusSeconds(300));
        }

        assertThat(tokens.size()).isBetween(1L, 10L);
    }
}
