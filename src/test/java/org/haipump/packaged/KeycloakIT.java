package org.haipump.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.haipump.faults.Await;
import org.haipump.faults.Http;
import org.haipump.faults.PostgresCluster;
import org.haipump.faults.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The packaged service against a real identity provider: Keycloak (unpacked by the build into
 * {@code target/keycloak}) with the realm of {@code keycloak/hai-realm.json}. The service knows only
 * the realm's issuer and JWKS URL, as in production; it checks the audience Keycloak's audience
 * mapper puts in, maps the group names of the group membership mapper onto its roles, and follows a
 * key rotation made through Keycloak's admin API without a restart. The token cache is off here
 * ({@code HAI_SECURITY_TOKEN_CACHE_MAX_AGE=0s}) so that a withdrawn key is refused at once rather
 * than after the cache's minute.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakIT {

    private static final Path KEYCLOAK_HOME = Path.of("target", "keycloak", "keycloak-26.5.6");
    private static final String JAVA_21_OR_LATER = "/usr/lib/jvm/temurin-25-jdk-amd64";
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "test-only-admin";
    private static final String AUDIENCE = "hai-refill-scheduler";
    private static final String OTHER_CLIENT = "other-hospital-app";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private static Process keycloak;
    private static ServiceProcess service;
    private static String realm;

    @BeforeAll
    static void startKeycloakAndTheService() throws IOException {
        int port = PostgresCluster.freePort();
        realm = "http://127.0.0.1:" + port + "/realms/hai";
        keycloak = startKeycloak(port);
        Await.until(Duration.ofMinutes(5), "Keycloak's realm hai on port " + port, () -> {
            if (!keycloak.isAlive()) {
                throw new AssertionError("Keycloak exited with " + keycloak.exitValue() + ", see " + keycloakLog());
            }
            return send(HttpRequest.newBuilder(URI.create(realm + "/.well-known/openid-configuration"))
                    .timeout(TIMEOUT).GET().build()).statusCode() == 200 ? true : null;
        });

        // An env name cannot say "hospital-nurses" (a hyphen, in a map key): a file beside the settings can.
        Path config = Files.writeString(ServiceProcess.LOG_DIR.resolve("keycloak-it.properties"),
                "quarkus.http.auth.roles-mapping.\"hospital-nurses\"=nurse\n");
        service = new ServiceProcess("keycloak-it", ProductionKeysResource.testDatabase(), Map.of(
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", realm + "/protocol/openid-connect/certs",
                "MP_JWT_VERIFY_ISSUER", realm,
                "HAI_JWT_AUDIENCE", AUDIENCE,
                "HAI_SECURITY_TOKEN_CACHE_MAX_AGE", "0s",
                "QUARKUS_CONFIG_LOCATIONS", config.toAbsolutePath().toString()))
                .start().awaitReady(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (keycloak != null) {
            keycloak.descendants().forEach(ProcessHandle::destroyForcibly);
            keycloak.destroyForcibly();
        }
    }

    @Test
    @Order(1)
    void aNurseOfTheIdentityProviderReadsTheWorklistButNotTheAuditTrail() throws Exception {
        String token = userToken(AUDIENCE, "nina", "test-only-nina");
        assertThat(claims(token).get("groups").toString()).isEqualTo("[\"hospital-nurses\"]");

        assertThat(status("/api/v1/worklist", token)).isEqualTo(200);
        assertThat(status("/api/v1/audit?patientId=" + UUID.randomUUID(), token)).isEqualTo(403);
    }

    @Test
    @Order(2)
    void theSameNursesTokenForAnotherApplicationIsUnauthorized() throws Exception {
        String token = userToken(OTHER_CLIENT, "nina", "test-only-nina");
        assertThat(audiences(token)).contains(OTHER_CLIENT).doesNotContain(AUDIENCE);

        assertThat(status("/api/v1/worklist", token)).isEqualTo(401);
    }

    @Test
    @Order(3)
    void aGroupThatIsNotMappedGivesNoRole() throws Exception {
        String token = userToken(AUDIENCE, "pat", "test-only-pat");
        assertThat(audiences(token)).contains(AUDIENCE);

        assertThat(status("/api/v1/worklist", token)).isEqualTo(403);
    }

    @Test
    @Order(4)
    void aRotatedKeyIsFollowedWithoutARestartAndTheRemovedOneIsRefused() throws Exception {
        String before = userToken(AUDIENCE, "nina", "test-only-nina");
        assertThat(status("/api/v1/worklist", before)).isEqualTo(200);
        String admin = adminToken();
        String oldProvider = rsaSigningProviders(admin).get(0);

        addRsaSigningProvider(admin, "rsa-rotated", 200);
        adminCall(admin, "DELETE", "/components/" + oldProvider, null, 204);
        String after = userToken(AUDIENCE, "nina", "test-only-nina");

        assertThat(kid(after)).isNotEqualTo(kid(before));
        assertThat(status("/api/v1/worklist", after)).as("a token signed with the new key").isEqualTo(200);
        assertThat(status("/api/v1/worklist", before)).as("a token signed with the removed key").isEqualTo(401);
        assertThat(service.isAlive()).isTrue();
    }

    private static Process startKeycloak(int port) throws IOException {
        Path data = KEYCLOAK_HOME.resolve("data");
        if (!Files.isDirectory(KEYCLOAK_HOME)) {
            throw new IllegalStateException(KEYCLOAK_HOME.toAbsolutePath() + " is missing: run the verify phase");
        }
        // A fresh database each run: the rotation test replaces the realm's keys.
        deleteTree(data.resolve("h2"));
        Files.createDirectories(data.resolve("import"));
        Files.copy(Path.of("src/test/resources/keycloak/hai-realm.json"), data.resolve("import/hai-realm.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(ServiceProcess.LOG_DIR);
        ProcessBuilder builder = new ProcessBuilder("bash", "bin/kc.sh", "start-dev", "--http-host=127.0.0.1",
                "--http-port=" + port, "--http-management-port=" + PostgresCluster.freePort(), "--import-realm")
                .directory(KEYCLOAK_HOME.toFile()).redirectErrorStream(true)
                .redirectOutput(keycloakLog().toFile());
        builder.environment().put("JAVA_HOME", JAVA_21_OR_LATER);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        return builder.start();
    }

    private static Path keycloakLog() {
        return ServiceProcess.LOG_DIR.resolve("keycloak.log").toAbsolutePath();
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static int status(String path, String token) throws IOException {
        return Http.get(service.uri(path), token, TIMEOUT).status();
    }

    private static String userToken(String client, String user, String password) throws Exception {
        return token(realm, client, user, password);
    }

    private static String adminToken() throws Exception {
        return token(realm.replace("/realms/hai", "/realms/master"), "admin-cli", ADMIN, ADMIN_PASSWORD);
    }

    private static String token(String realmUrl, String client, String user, String password) throws Exception {
        String form = Map.of("grant_type", "password", "client_id", client, "username", user, "password", password)
                .entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .timeout(TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertThat(response.statusCode()).as("token for %s at %s: %s", user, client, response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    /** The ids of the realm's RS256 signing key providers, highest priority first. */
    private static List<String> rsaSigningProviders(String admin) throws Exception {
        JsonNode keys = JSON.readTree(adminCall(admin, "GET", "/keys", null, 200));
        List<String> providers = StreamSupport.stream(keys.get("keys").spliterator(), false)
                .filter(key -> "RS256".equals(key.path("algorithm").asText()) && "ACTIVE".equals(key.path("status").asText()))
                .sorted((a, b) -> Long.compare(b.path("providerPriority").asLong(), a.path("providerPriority").asLong()))
                .map(key -> key.get("providerId").asText()).toList();
        assertThat(providers).as("the realm's RS256 keys").isNotEmpty();
        return providers;
    }

    private static void addRsaSigningProvider(String admin, String name, int priority) throws Exception {
        String realmId = JSON.readTree(adminCall(admin, "GET", "", null, 200)).get("id").asText();
        Map<String, Object> component = Map.of("name", name, "providerId", "rsa-generated",
                "providerType", "org.keycloak.keys.KeyProvider", "parentId", realmId,
                "config", Map.of("priority", List.of(String.valueOf(priority)), "keySize", List.of("2048"),
                        "algorithm", List.of("RS256"), "active", List.of("true"), "enabled", List.of("true")));
        adminCall(admin, "POST", "/components", JSON.writeValueAsString(component), 201);
    }

    private static String adminCall(String admin, String method, String path, String body, int expected)
            throws Exception {
        URI uri = URI.create(realm.replace("/realms/hai", "/admin/realms/hai") + path);
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expected);
        return response.body();
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static JsonNode claims(String token) throws IOException {
        return part(token, 1);
    }

    private static String kid(String token) throws IOException {
        return part(token, 0).get("kid").asText();
    }

    private static List<String> audiences(String token) throws IOException {
        JsonNode aud = claims(token).path("aud");
        return aud.isArray() ? StreamSupport.stream(aud.spliterator(), false).map(JsonNode::asText).toList()
                : aud.isMissingNode() ? List.of() : List.of(aud.asText());
    }

    private static JsonNode part(String token, int index) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
    }
}
