package org.haipump.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.haipump.platform.config.RequiredInProduction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployments under {@code deploy/} against the application's own configuration: the
 * Kustomize overlays as {@code kubectl kustomize} renders them, the compose file, the Containerfile
 * and the HAProxy configuration. Ports come from {@code application.properties}, the settings every
 * deployment must give from {@link RequiredInProduction}; a manifest that drifts from either fails here.
 */
class ManifestsTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static final String APP = "hai-refill-scheduler";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Names of settings whose values are secrets: never a literal in a manifest. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|PRIVATE|CREDENTIAL).*");
    private static final Map<String, String> PROBES = Map.of(
            "startupProbe", "/q/health/started",
            "readinessProbe", "/q/health/ready",
            "livenessProbe", "/q/health/live");
    /**
     * Secrets the manifests reference but must never contain: who creates each. Anything else a
     * manifest references must be defined beside it.
     */
    private static final Map<String, String> SECRETS_CREATED_ELSEWHERE = Map.of(
            "hai-app-credentials", "the site's operator: the service role's username and password (docs/deployment.md)",
            "hai-owner-credentials", "the site's operator: the schema owner's username and password (CloudNativePG bootstraps it)",
            "hai-db-ca", "CloudNativePG: the CA that signs the database's server certificate",
            "hai-jwt-public-key", "the team running the dev overlay: its token signing key's public half",
            "hai-refill-scheduler-tls", "cert-manager or the site's operator: the ingress certificate");

    private static int httpPort;
    private static int managementPort;
    private static Properties application;

    @BeforeAll
    static void readTheApplicationsConfiguration() throws IOException {
        application = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            application.load(reader);
        }
        httpPort = Integer.parseInt(application.getProperty("quarkus.http.port"));
        managementPort = Integer.parseInt(application.getProperty("quarkus.management.port"));
        assertThat(application.getProperty("quarkus.management.enabled")).isEqualTo("true");
    }

    @Test
    void theHealthPathsAreQuarkusDefaults() {
        // The probes' paths below are the defaults; moving health or /q would break every probe.
        assertThat(application.stringPropertyNames()).doesNotContain("quarkus.smallrye-health.root-path",
                "quarkus.http.non-application-root-path", "quarkus.management.root-path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void theDeploymentServesOnTheConfiguredPortsAndProbesTheManagementPort(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        JsonNode container = rendered.container();

        Map<String, Integer> ports = namedPorts(container);
        assertThat(ports).containsEntry("http", httpPort).containsEntry("management", managementPort);
        PROBES.forEach((probe, path) -> {
            JsonNode get = container.path(probe).path("httpGet");
            assertThat(get.path("path").asText()).as(probe).isEqualTo(path);
            assertThat(resolvePort(get.path("port"), ports)).as(probe + " port").isEqualTo(managementPort);
        });

        JsonNode service = rendered.one("Service", APP);
        for (JsonNode port : service.path("spec").path("ports")) {
            assertThat(resolvePort(port.path("targetPort"), ports)).as("Service port " + port.path("name"))
                    .isEqualTo(port.path("port").asInt());
        }
        assertThat(service.path("spec").path("selector")).isEqualTo(podLabels(rendered));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everySettingTheProdProfileRequiresIsGiven(String overlay) {
        Set<String> given = Rendered.overlay(overlay).environment().keySet();

        assertThat(given).containsAll(requiredEnvironment());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void secretsAreOnlyReferencedAndEachReferenceIsAccountedFor(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);

        assertThat(rendered.kinds()).as("no Secret object, with its data, in the manifests").doesNotContain("Secret");
        rendered.environment().forEach((name, source) -> {
            if (SECRET_NAME.matcher(name).matches()) {
                assertThat(source).as(name).startsWith("secret:");
            }
        });
        for (String secret : rendered.referencedSecrets()) {
            assertThat(SECRETS_CREATED_ELSEWHERE).as("who creates Secret " + secret).containsKey(secret);
        }
        for (JsonNode configMap : rendered.all("ConfigMap")) {
            configMap.path("data").fieldNames().forEachRemaining(key ->
                    assertThat(key).as("ConfigMap key").doesNotMatch(SECRET_NAME));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void podsRunAsNonRootOnAReadOnlyRootFilesystemWithNoCapabilities(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        JsonNode pod = rendered.podSpec();
        JsonNode context = rendered.container().path("securityContext");

        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("securityContext").path("runAsUser").asInt()).isPositive();
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
        assertThat(context.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(context.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(texts(context.path("capabilities").path("drop"))).containsExactly("ALL");
        assertThat(rendered.container().path("volumeMounts").findValuesAsText("mountPath")).contains("/tmp");
        assertThat(rendered.container().path("resources").path("limits").path("memory").asText()).isNotEmpty();
        assertThat(rendered.container().path("resources").path("requests").path("memory").asText()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void replicasSurviveADrainAndARollingUpdate(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        JsonNode spec = rendered.one("Deployment", APP).path("spec");
        int replicas = rendered.minimumReplicas();

        assertThat(replicas).isGreaterThanOrEqualTo(2);
        assertThat(spec.path("strategy").path("rollingUpdate").path("maxUnavailable").asInt(-1)).isZero();
        assertThat(rendered.podSpec().path("topologySpreadConstraints")).isNotEmpty();
        JsonNode budget = rendered.one("PodDisruptionBudget", APP).path("spec");
        assertThat(budget.path("selector").path("matchLabels")).isEqualTo(podLabels(rendered));
        assertThat(budget.path("minAvailable").asInt()).isBetween(1, replicas - 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void theNetworkLetsInOnlyTheIngressAndMonitoringAndOutTheDatabase(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        Set<Integer> ingressPorts = new HashSet<>();
        Set<Integer> egressPorts = new HashSet<>();
        for (JsonNode policy : rendered.all("NetworkPolicy")) {
            assertThat(policy.path("spec").path("podSelector").path("matchLabels")).isEqualTo(podLabels(rendered));
            for (JsonNode rule : policy.path("spec").path("ingress")) {
                assertThat(rule.path("from")).as("an ingress rule names its sources").isNotEmpty();
                rule.path("ports").forEach(port -> ingressPorts.add(port.path("port").asInt()));
            }
            for (JsonNode rule : policy.path("spec").path("egress")) {
                rule.path("ports").forEach(port -> egressPorts.add(port.path("port").asInt()));
            }
        }
        assertThat(ingressPorts).containsExactlyInAnyOrder(httpPort, managementPort);
        assertThat(egressPorts).containsExactlyInAnyOrder(53, 443, 5432);
    }

    @Test
    void productionSplitsTheDatabaseRolesVerifiesTlsAndUsesAnOperatorsPostgres() {
        Rendered production = Rendered.overlay("production");
        Map<String, String> environment = production.environment();

        assertThat(environment).containsKeys("QUARKUS_FLYWAY_USERNAME", "QUARKUS_FLYWAY_PASSWORD");
        assertThat(environment.get("QUARKUS_FLYWAY_USERNAME")).as("Flyway's account is not the service's")
                .isNotEqualTo(environment.get("QUARKUS_DATASOURCE_USERNAME"));
        String url = production.configValue("QUARKUS_DATASOURCE_JDBC_URL");
        assertThat(url).contains("sslmode=verify-full");
        String rootCertificate = url.replaceAll(".*sslrootcert=([^&]+).*", "$1");
        assertThat(production.container().path("volumeMounts").findValuesAsText("mountPath"))
                .anySatisfy(mount -> assertThat(rootCertificate).startsWith(mount + "/"));
        assertThat(production.configValue("MP_JWT_VERIFY_PUBLICKEY_LOCATION")).startsWith("https://");

        assertThat(production.kinds()).doesNotContain("StatefulSet");
        JsonNode cluster = production.one("Cluster", "hai-db");
        assertThat(cluster.path("apiVersion").asText()).startsWith("postgresql.cnpg.io/");
        assertThat(cluster.path("spec").path("instances").asInt()).isGreaterThanOrEqualTo(2);
        String serviceSecret = environment.get("QUARKUS_DATASOURCE_USERNAME").replaceAll("secret:([^/]+)/.*", "$1");
        assertThat(cluster.path("spec").path("managed").path("roles").findValuesAsText("name"))
                .as("the service's role is one the operator manages").isNotEmpty();
        assertThat(cluster.path("spec").path("managed").path("roles").findPath("passwordSecret").path("name").asText())
                .isEqualTo(serviceSecret);
    }

    @Test
    void theIngressRoutesOnlyTheApiToTheHttpPort() {
        JsonNode ingress = Rendered.overlay("production").one("Ingress", APP);

        for (JsonNode path : ingress.path("spec").path("rules").findValues("paths")) {
            for (JsonNode route : path) {
                assertThat(route.path("path").asText()).isEqualTo("/api");
                assertThat(route.path("backend").path("service").path("port").path("name").asText()).isEqualTo("http");
            }
        }
        assertThat(ingress.path("spec").path("tls")).isNotEmpty();
    }

    @Test
    void theServiceIsTheJobTheAlertRulesSelect() throws IOException {
        String rules = Files.readString(DEPLOY.resolve("prometheus/hai-alerts.yaml"));

        assertThat(Rendered.overlay("production").one("Service", APP).path("spec").path("ports").findValuesAsText("name"))
                .contains("management");
        assertThat(rules).contains("job=\"" + APP + "\"");
    }

    @Test
    void composeRunsTwoReplicasBehindTheProxyWithEverySettingAndNoSecretLiteral() throws IOException {
        JsonNode compose = composeFile();
        JsonNode services = compose.path("services");
        List<String> replicas = new ArrayList<>();
        services.fields().forEachRemaining(entry -> {
            if (APP.concat(":local").equals(entry.getValue().path("image").asText())) {
                replicas.add(entry.getKey());
            }
        });
        assertThat(replicas).hasSize(2);

        for (String replica : replicas) {
            JsonNode service = services.path(replica);
            Map<String, String> environment = fields(service.path("environment"));
            assertThat(environment.keySet()).as(replica).containsAll(requiredEnvironment())
                    .contains("QUARKUS_FLYWAY_USERNAME");
            assertThat(service.path("ports").isMissingNode()).as(replica + " publishes no port").isTrue();
            assertThat(service.path("read_only").asBoolean()).isTrue();
            assertThat(texts(service.path("cap_drop"))).containsExactly("ALL");
            String key = environment.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
            assertThat(texts(service.path("volumes"))).anySatisfy(volume -> assertThat(volume).endsWith(":" + key + ":ro"));
        }
        services.fields().forEachRemaining(entry -> fields(entry.getValue().path("environment")).forEach((name, value) -> {
            if (SECRET_NAME.matcher(name).matches()) {
                assertThat(value).as(entry.getKey() + " " + name).matches("\\$\\{[A-Z_]+:\\?[^}]+}");
            }
        }));
        assertThat(compose.path("volumes").has("hai-db")).isTrue();
        assertThat(texts(services.path("postgres").path("volumes"))).anySatisfy(v -> assertThat(v).startsWith("hai-db:"));
        assertThat(services.path("postgres").path("ports").isMissingNode()).isTrue();

        String haproxy = Files.readString(DEPLOY.resolve("compose/haproxy.cfg"));
        for (String replica : replicas) {
            assertThat(haproxy).contains("server " + replica + " " + replica + ":" + httpPort);
        }
        assertThat(haproxy).contains("check port " + managementPort).contains("httpchk GET /q/health/ready")
                .contains("del-header X-Forwarded-For");
        String proxyAddress = services.path("proxy").path("networks").path("front").path("ipv4_address").asText();
        assertThat(fields(services.path(replicas.get(0)).path("environment")))
                .containsEntry("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", proxyAddress);
    }

    @Test
    void theImageRunsAsANonRootUserAndChecksReadiness() throws IOException {
        List<String> lines = Files.readAllLines(DEPLOY.resolve("container/Containerfile"));

        assertThat(lines.stream().filter(line -> line.startsWith("FROM "))).hasSizeGreaterThanOrEqualTo(2);
        String user = lines.stream().filter(line -> line.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
        assertThat(user).matches("USER [1-9][0-9]*(:[1-9][0-9]*)?");
        assertThat(lines).contains("EXPOSE " + httpPort + " " + managementPort);
        String joined = String.join("\n", lines);
        assertThat(joined).contains("HEALTHCHECK").contains("/dev/tcp/127.0.0.1/" + managementPort)
                .contains("/q/health/ready");
        assertThat(joined).as("the development key never enters the image").doesNotContain("dev-jwt/");
        assertThat(joined).doesNotContain("COPY . ");
    }

    /** The compose file with its anchors and merge keys resolved, as compose resolves them. */
    private static JsonNode composeFile() throws IOException {
        try (Reader reader = Files.newBufferedReader(DEPLOY.resolve("compose/compose.yaml"))) {
            return YAML.valueToTree(new Yaml().load(reader));
        }
    }

    private static Set<String> requiredEnvironment() {
        return RequiredInProduction.SETTINGS.stream().map(RequiredInProduction.Setting::environmentVariable)
                .collect(Collectors.toSet());
    }

    private static JsonNode podLabels(Rendered rendered) {
        return rendered.one("Deployment", APP).path("spec").path("template").path("metadata").path("labels");
    }

    private static Map<String, Integer> namedPorts(JsonNode container) {
        Map<String, Integer> ports = new HashMap<>();
        container.path("ports").forEach(port -> ports.put(port.path("name").asText(), port.path("containerPort").asInt()));
        return ports;
    }

    private static int resolvePort(JsonNode port, Map<String, Integer> named) {
        return port.isInt() ? port.asInt() : named.getOrDefault(port.asText(), -1);
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static Map<String, String> fields(JsonNode object) {
        Map<String, String> fields = new HashMap<>();
        object.fields().forEachRemaining(entry -> fields.put(entry.getKey(), entry.getValue().asText()));
        return fields;
    }

    /** One overlay as {@code kubectl kustomize} renders it. */
    private record Rendered(List<JsonNode> objects) {

        private static final Map<String, Rendered> CACHE = new HashMap<>();

        static synchronized Rendered overlay(String name) {
            return CACHE.computeIfAbsent(name, Rendered::render);
        }

        private static Rendered render(String overlay) {
            try {
                Process kubectl = new ProcessBuilder("kubectl", "kustomize", DEPLOY.resolve("k8s/overlays/" + overlay).toString())
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(kubectl.exitValue()).as("kubectl kustomize " + overlay).isZero();
                List<JsonNode> objects = YAML.readValues(YAML.getFactory().createParser(output), JsonNode.class).readAll();
                return new Rendered(objects);
            } catch (IOException e) {
                throw new IllegalStateException("kubectl kustomize failed for " + overlay + " (is kubectl installed?)", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        Set<String> kinds() {
            return objects.stream().map(o -> o.path("kind").asText()).collect(Collectors.toSet());
        }

        List<JsonNode> all(String kind) {
            return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
        }

        JsonNode one(String kind, String name) {
            List<JsonNode> found = all(kind).stream()
                    .filter(o -> name.equals(o.path("metadata").path("name").asText())).toList();
            assertThat(found).as(kind + " " + name).hasSize(1);
            return found.get(0);
        }

        /** The Deployment's replicas, or where an autoscaler owns the count, its minimum. */
        int minimumReplicas() {
            JsonNode replicas = one("Deployment", APP).path("spec").path("replicas");
            List<JsonNode> autoscalers = all("HorizontalPodAutoscaler");
            if (!autoscalers.isEmpty()) {
                assertThat(replicas.isMissingNode()).as("an autoscaled Deployment sets no replicas").isTrue();
                assertThat(autoscalers).hasSize(1);
                assertThat(autoscalers.get(0).path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo(APP);
                return autoscalers.get(0).path("spec").path("minReplicas").asInt();
            }
            return replicas.asInt();
        }

        JsonNode podSpec() {
            return one("Deployment", APP).path("spec").path("template").path("spec");
        }

        JsonNode container() {
            JsonNode containers = podSpec().path("containers");
            assertThat(containers).hasSize(1);
            return containers.get(0);
        }

        String configValue(String name) {
            return one("ConfigMap", APP + "-config").path("data").path(name).asText();
        }

        /** Each environment variable of the service's container and where it comes from. */
        Map<String, String> environment() {
            Map<String, String> environment = new HashMap<>();
            for (JsonNode from : container().path("envFrom")) {
                String configMap = from.path("configMapRef").path("name").asText();
                assertThat(configMap).as("envFrom names only ConfigMaps").isNotEmpty();
                one("ConfigMap", configMap).path("data").fieldNames()
                        .forEachRemaining(key -> environment.put(key, "configmap:" + configMap));
            }
            for (JsonNode variable : container().path("env")) {
                JsonNode secret = variable.path("valueFrom").path("secretKeyRef");
                environment.put(variable.path("name").asText(), secret.isMissingNode()
                        ? "literal:" + variable.path("value").asText()
                        : "secret:" + secret.path("name").asText() + "/" + secret.path("key").asText());
            }
            return environment;
        }

        Set<String> referencedSecrets() {
            Set<String> secrets = new HashSet<>();
            for (JsonNode object : objects) {
                secrets.addAll(object.findValuesAsText("secretName"));
                object.findValues("secretKeyRef").forEach(ref -> secrets.add(ref.path("name").asText()));
                object.findValues("passwordSecret").forEach(ref -> secrets.add(ref.path("name").asText()));
            }
            return secrets;
        }
    }
}
