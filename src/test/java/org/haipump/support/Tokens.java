package org.haipump.support;

import io.smallrye.jwt.build.Jwt;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Bearer tokens signed with the development key that the test profile trusts. */
public final class Tokens {

    public static final String ISSUER = "https://hai-refill-scheduler.local/dev";
    public static final String NURSE_UPN = "nurse.jones@clinic.test";

    private Tokens() {
    }

    public static String scheduler() {
        return forRole("scheduler", "scheduler.smith@clinic.test");
    }

    public static String nurse() {
        return forRole("nurse", NURSE_UPN);
    }

    public static String admin() {
        return forRole("admin", "admin.lee@clinic.test");
    }

    public static String partner() {
        return Jwt.issuer(ISSUER).upn("agency.nurse@partner.test").groups(Set.of("partner"))
                .claim("partner_id", "partner-1").expiresIn(Duration.ofMinutes(10)).sign();
    }

    public static String forRole(String role, String upn) {
        return Jwt.issuer(ISSUER).upn(upn).groups(Set.of(role)).expiresIn(Duration.ofMinutes(10)).sign();
    }

    public static String expired() {
        return Jwt.issuer(ISSUER).upn(NURSE_UPN).groups(Set.of("nurse"))
                .issuedAt(Instant.now().minus(Duration.ofHours(2)))
                .expiresAt(Instant.now().minus(Duration.ofHours(1))).sign();
    }

    public static String wrongIssuer() {
        return Jwt.issuer("https://someone-else.test").upn(NURSE_UPN).groups(Set.of("nurse"))
                .expiresIn(Duration.ofMinutes(10)).sign();
    }

    /** Signed by a key the service has never seen. */
    public static String wronglySigned() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return Jwt.issuer(ISSUER).upn(NURSE_UPN).groups(Set.of("nurse")).expiresIn(Duration.ofMinutes(10))
                .sign(generator.generateKeyPair().getPrivate());
    }
}
