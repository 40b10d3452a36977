package org.haipump.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

/**
 * Bearer tokens for the tests. In the test profile they are signed with the development key, which
 * that profile trusts. The packaged jar runs in the prod profile, which refuses the development key:
 * a run of the integration tests ({@code -Dhai.test.signing-key=ephemeral}, set by failsafe) signs
 * with a key pair made for that run, whose public half is {@link #publicKeyFile()}.
 */
public final class Tokens {

    public static final String ISSUER = "https://hai-refill-scheduler.local/dev";
    /** The audience the service's configuration expects ({@code hai.jwt.audience}). */
    public static final String AUDIENCE = "hai-refill-scheduler";
    public static final String NURSE_UPN = "nurse.jones@clinic.test";
    public static final String SCHEDULER_UPN = "scheduler.smith@clinic.test";

    private static final Path DEV_PUBLIC_KEY = Path.of("deploy/dev-jwt/public-key.pem");
    private static final Path EPHEMERAL_PUBLIC_KEY = Path.of("target/ephemeral-jwt/public-key.pem");
    private static final boolean EPHEMERAL = "ephemeral".equals(System.getProperty("hai.test.signing-key"));
    /** Read from the file, not from configuration, so that tests of the packaged jar can sign too. */
    private static final PrivateKey SIGNING_KEY = EPHEMERAL ? ephemeralKey()
            : readPrivateKey(Path.of("deploy/dev-jwt/private-key.pem"));

    private Tokens() {
    }

    /** The public key that verifies these tokens, as a PEM file. */
    public static Path publicKeyFile() {
        return (EPHEMERAL ? EPHEMERAL_PUBLIC_KEY : DEV_PUBLIC_KEY).toAbsolutePath();
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
        return claims("agency.nurse@partner.test", "partner").claim("partner_id", "partner-1").sign(SIGNING_KEY);
    }

    /** A token of the partner with this id, for one of its nurses. */
    public static String partner(UUID partnerId) {
        return partner(partnerId, "agency.nurse@partner.test");
    }

    public static String partner(UUID partnerId, String upn) {
        return claims(upn, "partner").claim("partner_id", partnerId.toString()).sign(SIGNING_KEY);
    }

    public static String forRole(String role, String upn) {
        return claims(upn, role).sign(SIGNING_KEY);
    }

    /** A nurse's token as an identity provider issues it: with its client ({@code azp}) and id ({@code jti}). */
    public static String nurseFromClient(String clientId, String tokenId) {
        return claims(NURSE_UPN, "nurse").claim("azp", clientId).claim("jti", tokenId).sign(SIGNING_KEY);
    }

    public static String expired() {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).upn(NURSE_UPN).groups(Set.of("nurse"))
                .issuedAt(Instant.now().minus(Duration.ofHours(2)))
                .expiresAt(Instant.now().minus(Duration.ofHours(1))).sign(SIGNING_KEY);
    }

    /** Issued {@code age} ago and valid for another ten minutes. */
    public static String issuedAgo(Duration age) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).upn(NURSE_UPN).groups(Set.of("nurse"))
                .issuedAt(Instant.now().minus(age))
                .expiresAt(Instant.now().plus(Duration.ofMinutes(10))).sign(SIGNING_KEY);
    }

    public static String wrongIssuer() {
        return Jwt.issuer("https://someone-else.test").audience(AUDIENCE).upn(NURSE_UPN).groups(Set.of("nurse"))
                .expiresIn(Duration.ofMinutes(10)).sign(SIGNING_KEY);
    }

    /** Signed by the same key for a nurse, but issued to another application. */
    public static String forAudience(String audience) {
        return Jwt.issuer(ISSUER).audience(audience).upn(NURSE_UPN).groups(Set.of("nurse"))
                .expiresIn(Duration.ofMinutes(10)).sign(SIGNING_KEY);
    }

    /** A nurse's token without any audience. */
    public static String withoutAudience() {
        return Jwt.issuer(ISSUER).upn(NURSE_UPN).groups(Set.of("nurse")).expiresIn(Duration.ofMinutes(10))
                .sign(SIGNING_KEY);
    }

    /** Signed by a key the service has never seen. */
    public static String wronglySigned() throws Exception {
        return claims(NURSE_UPN, "nurse").sign(generatedKeyPair().getPrivate());
    }

    private static JwtClaimsBuilder claims(String upn, String role) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).upn(upn).groups(Set.of(role)).expiresIn(Duration.ofMinutes(10));
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

    /** A key pair for this run; its public half is written where {@link #publicKeyFile()} says. */
    private static PrivateKey ephemeralKey() {
        KeyPair pair = generatedKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        try {
            Files.createDirectories(EPHEMERAL_PUBLIC_KEY.getParent());
            Files.writeString(EPHEMERAL_PUBLIC_KEY, pem);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + EPHEMERAL_PUBLIC_KEY.toAbsolutePath(), e);
        }
        return pair.getPrivate();
    }

    private static KeyPair generatedKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is part of every Java runtime", e);
        }
    }
}
