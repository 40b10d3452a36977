package org.haipump.platform.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.haipump.platform.config.RequiredInProduction;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;

/**
 * Outside the dev and test profiles the service starts only when it can check every bearer token
 * in full: each {@link RequiredInProduction} setting is given, the verification keys can be read
 * now (a PEM file, a JWKS file, or a JWKS URL that is https, or http on a loopback address), and
 * none of them is the development key of {@code deploy/dev-jwt}. Otherwise start-up stops with one
 * message naming every problem. Runs before any other start-up work of the service.
 */
@ApplicationScoped
public class ProductionReadiness {

    /** SHA-256 of the development public key's X.509 encoding ({@code deploy/dev-jwt/public-key.pem}). */
    static final String DEVELOPMENT_KEY_SHA256 = "a9b7af395e291987db33536d79180334c576ae6834d8a9aca651c0139f9b96d1";
    static final String KEY_LOCATION = "mp.jwt.verify.publickey.location";
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(ProductionReadiness.class);

    void onStart(@Observes @Priority(1) StartupEvent start, Config config) {
        List<String> profiles = ConfigUtils.getProfiles();
        if (profiles.contains("dev") || profiles.contains("test")) {
            return;
        }
        List<String> problems = problems(key -> config.getOptionalValue(key, String.class), ProductionReadiness::fetch);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The service cannot start in profile " + profiles + ":\n  - "
                    + String.join("\n  - ", problems));
        }
        LOG.info("Security configuration checked: issuer, audience and verification keys are set");
    }

    /**
     * What stops start-up, in words an operator can act on; empty when nothing does.
     *
     * @param setting a configuration key's value, empty when it is not set
     * @param fetch   the body of a JWKS URL
     */
    static List<String> problems(Function<String, Optional<String>> setting, Function<URI, String> fetch) {
        List<String> problems = new ArrayList<>();
        for (RequiredInProduction.Setting required : RequiredInProduction.SETTINGS) {
            if (setting.apply(required.key()).filter(value -> !value.isBlank()).isEmpty()) {
                problems.add(required.environmentVariable() + " (" + required.key() + ") is not set: "
                        + required.meaning());
            }
        }
        setting.apply(KEY_LOCATION).filter(value -> !value.isBlank())
                .ifPresent(location -> problems.addAll(keyProblems(location.strip(), fetch)));
        return problems;
    }

    private static List<String> keyProblems(String location, Function<URI, String> fetch) {
        List<PublicKey> keys;
        try {
            keys = isUrl(location) ? keysAt(URI.create(location), fetch) : read(location);
        } catch (RuntimeException e) {
            return List.of("the verification key at " + location + " cannot be read: " + e.getMessage());
        }
        if (keys.isEmpty()) {
            return List.of("the verification key location " + location + " holds no public key");
        }
        if (keys.stream().anyMatch(ProductionReadiness::isDevelopmentKey)) {
            return List.of("the verification keys at " + location + " include the development key of "
                    + "deploy/dev-jwt, whose private half is public: trust the identity provider's key instead");
        }
        return List.of();
    }

    private static List<PublicKey> keysAt(URI url, Function<URI, String> fetch) {
        if (!"https".equals(url.getScheme()) && !("http".equals(url.getScheme()) && isLoopback(url.getHost()))) {
            throw new IllegalArgumentException("a JWKS URL must be https (http only on a loopback address)");
        }
        return jsonWebKeys(fetch.apply(url));
    }

    private static List<PublicKey> read(String location) {
        String content;
        try {
            content = KeyUtils.readKeyContent(location);
        } catch (Exception e) {
            throw new IllegalArgumentException(e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
        if (content.strip().startsWith("{")) {
            return jsonWebKeys(content);
        }
        try {
            return List.of(KeyUtils.decodePublicKey(content));
        } catch (Exception e) {
            throw new IllegalArgumentException("it is neither a PEM public key nor a JWKS", e);
        }
    }

    private static List<PublicKey> jsonWebKeys(String jwks) {
        List<JsonWebKey> keys = KeyUtils.loadJsonWebKeys(jwks);
        if (keys == null) {
            throw new IllegalArgumentException("it is not a JWKS");
        }
        return keys.stream().filter(PublicJsonWebKey.class::isInstance)
                .map(key -> ((PublicJsonWebKey) key).getPublicKey()).toList();
    }

    static boolean isDevelopmentKey(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest).equals(DEVELOPMENT_KEY_SHA256);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static boolean isUrl(String location) {
        return location.startsWith("http:") || location.startsWith("https:");
    }

    private static boolean isLoopback(String host) {
        try {
            return host != null && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String fetch(URI url) {
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT).build()
                    .send(HttpRequest.newBuilder(url).timeout(FETCH_TIMEOUT).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("answered " + response.statusCode());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e.getClass().getSimpleName() + " " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
