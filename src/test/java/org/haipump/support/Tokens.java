package org.haipump.support;

import io.smallrye.jwt.build.Jwt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Bearer tokens signed with the development key that the test profile trusts. */
public final class Tokens {

    /** Read from the file, not from configuration, so that tests of the packaged jar can sign too. */
    private static final PrivateKey DEV_KEY = readPrivateKey(Path.of("deploy/dev-jwt/private-key.pem"));

    public static final String ISSUER = "https://hai-refill-scheduler.local/dev";
    public static final String NURSE_UPN = "nurse.jones@clinic.test";
    public static final String SCHEDULER_UPN = "scheduler.smith@clinic.test";

    private Tokens() {
    }

    public static String scheduler() {
        return forRole("scheduler", SCHEDULER_UPN);
    }

    public static String nurse() {
        return forRole("nurse", NURSE_UPN);
    }

    public static String admin() {
        return forRole("admin", "admin.lee@clinic.test");
    }

    public static String partner() {
        return Jwt.issuer(ISSUER).upn("agency.nurse@partner.test").groups(Set.of("partner"))
                .claim("partner_id", "partner-1").expiresIn(Duration.ofMinutes(10)).sign(DEV_KEY);
    }

    /** A token of the partner with this id, for one of its nurses. */
    public static String partner(UUID partnerId) {
        return partner(partnerId, "agency.nurse@partner.test");
    }

    public static String partner(UUID partnerId, String upn) {
        return Jwt.issuer(ISSUER).upn(upn).groups(Set.of("partner"))
                .claim("partner_id", partnerId.toString()).expiresIn(Duration.ofMinutes(10)).sign(DEV_KEY);
    }

    public static String forRole(String role, String upn) {
        return Jwt.issuer(ISSUER).upn(upn).groups(Set.of(role)).expiresIn(Duration.ofMinutes(10)).sign(DEV_KEY);
    }

    public static String expired() {
        return Jwt.issuer(ISSUER).upn(NURSE_UPN).groups(Set.of("nurse"))
                .issuedAt(Instant.now().minus(Duration.ofHours(2)))
                .expiresAt(Instant.now().minus(Duration.ofHours(1))).sign(DEV_KEY);
    }

    public static String wrongIssuer() {
        return Jwt.issuer("https://someone-else.test").upn(NURSE_UPN).groups(Set.of("nurse"))
                .expiresIn(Duration.ofMinutes(10)).sign(DEV_KEY);
    }

    private static PrivateKey readPrivateKey(Path pem) {
        try {
            String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the development signing key " + pem.toAbsolutePath(), e);
        }
    }

    /** Signed by a key the service has never seen. */
    public static String wronglySigned() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return Jwt.issuer(ISSUER).upn(NURSE_UPN).groups(Set.of("nurse")).expiresIn(Duration.ofMinutes(10))
                .sign(generator.generateKeyPair().getPrivate());
    }
}
