package org.haipump.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.jwt.util.KeyUtils;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.haipump.platform.config.RequiredInProduction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What stops the prod profile from starting: one case a row. */
class ProductionReadinessTest {

    private static final Path DEV_KEY = Path.of("deploy/dev-jwt/public-key.pem");
    private static final Function<URI, String> NO_NETWORK = url -> {
        throw new AssertionError("fetched " + url);
    };

    @TempDir
    Path dir;

    private Map<String, String> complete(String keyLocation) {
        Map<String, String> settings = new HashMap<>();
        for (RequiredInProduction.Setting setting : RequiredInProduction.SETTINGS) {
            settings.put(setting.key(), "set");
        }
        settings.put(ProductionReadiness.KEY_LOCATION, keyLocation);
        return settings;
    }

    private static List<String> problems(Map<String, String> settings, Function<URI, String> fetch) {
        return ProductionReadiness.problems(key -> Optional.ofNullable(settings.get(key)), fetch);
    }

    private final PublicKey otherKey;

    ProductionReadinessTest() throws Exception {
        otherKey = KeyUtils.generateKeyPair(2048).getPublic();
    }

    private static PublicKey devKey() throws Exception {
        return KeyUtils.decodePublicKey(Files.readString(DEV_KEY));
    }

    private Path otherKeyPem() throws Exception {
        Path pem = dir.resolve("identity-provider.pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(otherKey.getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        return pem;
    }

    private static String jwks(PublicKey... keys) {
        StringBuilder json = new StringBuilder("{\"keys\":[");
        for (int i = 0; i < keys.length; i++) {
            RSAPublicKey rsa = (RSAPublicKey) keys[i];
            Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
            json.append(i == 0 ? "" : ",").append("{\"kty\":\"RSA\",\"kid\":\"k").append(i).append("\",\"n\":\"")
                    .append(url.encodeToString(unsigned(rsa.getModulus().toByteArray()))).append("\",\"e\":\"")
                    .append(url.encodeToString(unsigned(rsa.getPublicExponent().toByteArray()))).append("\"}");
        }
        return json.append("]}").toString();
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement[0] == 0 ? Arrays.copyOfRange(twosComplement, 1, twosComplement.length)
                : twosComplement;
    }

    @Test
    void everythingSetWithTheIdentityProvidersKeyStarts() throws Exception {
        assertThat(problems(complete(otherKeyPem().toString()), NO_NETWORK)).isEmpty();
    }

    @Test
    void eachMissingSettingIsNamedByItsEnvironmentVariable() throws Exception {
        for (RequiredInProduction.Setting setting : RequiredInProduction.SETTINGS) {
            Map<String, String> settings = complete(otherKeyPem().toString());
            settings.remove(setting.key());
            assertThat(problems(settings, NO_NETWORK)).as(setting.key())
                    .singleElement().asString().startsWith(setting.environmentVariable() + " (" + setting.key() + ")");
        }
    }

    @Test
    void aBlankSettingCountsAsMissing() throws Exception {
        Map<String, String> settings = complete(otherKeyPem().toString());
        settings.put("hai.jwt.audience", " ");
        assertThat(problems(settings, NO_NETWORK)).singleElement().asString().startsWith("HAI_JWT_AUDIENCE");
    }

    @Test
    void nothingSetNamesEverySettingAtOnce() {
        assertThat(problems(Map.of(), NO_NETWORK)).hasSize(RequiredInProduction.SETTINGS.size());
    }

    @Test
    void theDevelopmentKeyIsRefused() {
        assertThat(problems(complete(DEV_KEY.toString()), NO_NETWORK)).singleElement().asString()
                .contains("development key");
    }

    @Test
    void aJwksHoldingTheDevelopmentKeyIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("keys.json"), jwks(otherKey, devKey()));
        assertThat(problems(complete(file.toString()), NO_NETWORK)).singleElement().asString()
                .contains("development key");
        Files.writeString(file, jwks(otherKey));
        assertThat(problems(complete(file.toString()), NO_NETWORK)).isEmpty();
    }

    @Test
    void aJwksUrlMustBeHttpsOrLoopback() throws Exception {
        String keys = jwks(otherKey);
        assertThat(problems(complete("https://idp.hospital.example/certs"), url -> keys)).isEmpty();
        assertThat(problems(complete("http://127.0.0.1:8180/certs"), url -> keys)).isEmpty();
        assertThat(problems(complete("http://idp.hospital.example/certs"), url -> keys)).singleElement().asString()
                .contains("must be https");
    }

    @Test
    void keysThatCannotBeResolvedNowStopStartUp() {
        Function<URI, String> unreachable = url -> {
            throw new IllegalStateException("ConnectException connection refused");
        };
        assertThat(problems(complete("https://idp.hospital.example/certs"), unreachable)).singleElement().asString()
                .contains("cannot be read").contains("connection refused");
        assertThat(problems(complete("https://idp.hospital.example/certs"), url -> "{\"keys\":[]}"))
                .singleElement().asString().contains("holds no public key");
        assertThat(problems(complete(dir.resolve("missing.pem").toString()), NO_NETWORK)).singleElement()
                .asString().contains("cannot be read");
    }

    @Test
    void theFingerprintIsThatOfTheRepositorysDevelopmentKey() throws Exception {
        assertThat(ProductionReadiness.isDevelopmentKey(devKey())).isTrue();
        assertThat(ProductionReadiness.isDevelopmentKey(otherKey)).isFalse();
    }
}
