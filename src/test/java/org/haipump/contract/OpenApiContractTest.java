package org.haipump.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.haipump.support.Management;
import org.junit.jupiter.api.Test;

/**
 * The published contract, {@code openapi.yaml}, against the document the service generates from its
 * code at {@code /q/openapi}: both must list the same operations under /api/, with the same
 * parameters, request and response fields, enum values and roles. The published file must also
 * secure every operation, document its 401, and answer 201 with a Location on every create.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final Path PUBLISHED = Path.of("openapi.yaml");
    private static final String API_PREFIX = "/api/";
    private static final List<String> HTTP_METHODS =
            List.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    /** The creates of the contract (issue 2): each answers 201 with the resource and a Location. */
    private static final Set<String> CONTRACT_CREATES = Set.of(
            "POST /api/v1/patients",
            "POST /api/v1/pumps",
            "POST /api/v1/pumps/{pumpId}/fills",
            "POST /api/v1/pumps/{id}/glycerol-holds",
            "POST /api/v1/pumps/{id}/chemotherapy-holds",
            "POST /api/v1/appointments");
    /** Deep enough for the worklist (items[].openAppointment.x); a guard against recursive schemas. */
    private static final int MAX_SCHEMA_DEPTH = 8;

    private static ApiDocument published;
    private static ApiDocument served;

    @Test
    void theServedDocumentHasExactlyThePublishedOperations() {
        assertAgree(compareOperations(served(), published()));
    }

    @Test
    void eachOperationTakesThePublishedParameters() {
        assertAgree(compareParameters(served(), published()));
    }

    @Test
    void eachRequestBodyHasThePublishedFields() {
        assertAgree(compareRequestBodies(served(), published()));
    }

    @Test
    void eachSuccessResponseHasThePublishedFields() {
        assertAgree(compareSuccessResponses(served(), published()));
    }

    @Test
    void eachOperationAllowsThePublishedRoles() {
        assertAgree(compareRoles(served(), published()));
    }

    @Test
    void everyPublishedOperationNeedsABearerTokenAndDocumentsItsRefusal() {
        assertThat(published().operations()).as("operations in openapi.yaml").isNotEmpty();
        assertSound(checkSecurity(published()));
    }

    @Test
    void everyPublishedCreateAnswers201WithALocation() {
        assertSound(checkCreates(published()));
    }

    /** The checks above must be able to fail: each doctored difference is reported, and nothing else. */
    @Test
    void theComparisonsReportWhatOnlyOneDocumentHas() throws IOException {
        ApiDocument original = ApiDocument.read(Files.readString(PUBLISHED), true);
        assertThat(compareAll(original, original)).as("a document compared with itself").isEmpty();
        assertThat(checkSecurity(original)).isEmpty();
        assertThat(checkCreates(original)).isEmpty();

        ObjectNode root = original.root().deepCopy();
        ObjectNode paths = (ObjectNode) root.get("paths");
        ((ObjectNode) paths.get("/api/v1/worklist")).remove("get");
        ((ObjectNode) paths.putObject("/api/v1/pumps/{id}/alarms")).putObject("get").putObject("responses");
        ((ArrayNode) paths.at("/~1api~1v1~1flags/get/parameters")).addObject()
                .put("name", "dueAfter").put("in", "query");
        ObjectNode schemas = (ObjectNode) root.at("/components/schemas");
        ((ObjectNode) schemas.at("/RecordFillRequest/properties")).remove("notes");
        ((ObjectNode) schemas.at("/RegisterPatientRequest")).putArray("required").add("mrn");
        ((ObjectNode) schemas.at("/NextRefillResponse/properties")).remove("dueOn");
        ((ArrayNode) schemas.at("/Drug/enum")).remove(2);
        ((ObjectNode) paths.at("/~1api~1v1~1pumps~1{pumpId}~1fills/post/security/0")).putArray("bearerJwt")
                .add("nurse").add("admin").add("scheduler");
        ObjectNode registerPatient = (ObjectNode) paths.at("/~1api~1v1~1patients/post");
        registerPatient.remove("security");
        ((ObjectNode) registerPatient.get("responses")).remove("401");
        ((ObjectNode) paths.at("/~1api~1v1~1appointments/post/responses/201")).remove("headers");
        ApiDocument doctored = new ApiDocument(root, true);

        assertThat(compareOperations(original, doctored)).containsExactly(
                "operations only in openapi.yaml: [GET /api/v1/pumps/{id}/alarms]",
                "operations only in the served /q/openapi: [GET /api/v1/worklist]");
        assertThat(compareParameters(original, doctored)).containsExactly(
                "GET /api/v1/flags parameters: only in openapi.yaml [query:dueAfter]");
        assertThat(compareRequestBodies(original, doctored)).containsExactlyInAnyOrder(
                "POST /api/v1/patients request body required fields: only in the served /q/openapi "
                        + "[birthDate, familyName, givenName]",
                "POST /api/v1/pumps request body lastFill.drug values: only in the served /q/openapi [GLYCEROL]",
                "POST /api/v1/pumps/{pumpId}/fills request body fields: only in the served /q/openapi [notes]",
                "POST /api/v1/pumps/{pumpId}/fills request body drug values: only in the served /q/openapi "
                        + "[GLYCEROL]",
                "POST /api/v1/appointments request body plannedDrug values: only in the served /q/openapi "
                        + "[GLYCEROL]",
                "POST /api/v1/partner/pumps/{id}/fills request body drug values: only in the served /q/openapi "
                        + "[GLYCEROL]");
        assertThat(compareSuccessResponses(original, doctored))
                .contains("GET /api/v1/pumps/{id} response 200 nextRefill fields: only in the served /q/openapi "
                        + "[dueOn]")
                .contains("GET /api/v1/pumps/{id} response 200 lastFill.drug values: only in the served /q/openapi "
                        + "[GLYCEROL]")
                .allMatch(message -> message.contains("dueOn") || message.contains("[GLYCEROL]"));
        assertThat(compareRoles(original, doctored)).containsExactly(
                "POST /api/v1/patients roles: only in the served /q/openapi [admin, nurse, scheduler]",
                "POST /api/v1/pumps/{pumpId}/fills roles: only in openapi.yaml [scheduler]");
        assertThat(checkSecurity(doctored)).contains(
                "POST /api/v1/patients declares no 401 response",
                "POST /api/v1/pumps/{pumpId}/fills: x-roles [admin, nurse] but security names the roles "
                        + "[admin, nurse, scheduler]");
        assertThat(checkCreates(doctored)).containsExactly(
                "POST /api/v1/appointments answers 201 without a Location header");
    }

    // ----------------------------------------------------------------------------------------------
    // The comparisons: each returns what the two documents disagree on, one message per finding.
    // ----------------------------------------------------------------------------------------------

    static List<String> compareAll(ApiDocument served, ApiDocument published) {
        List<String> all = new ArrayList<>();
        all.addAll(compareOperations(served, published));
        all.addAll(compareParameters(served, published));
        all.addAll(compareRequestBodies(served, published));
        all.addAll(compareSuccessResponses(served, published));
        all.addAll(compareRoles(served, published));
        return all;
    }

    static List<String> compareOperations(ApiDocument served, ApiDocument published) {
        Difference difference = Difference.of(published.operations().keySet(), served.operations().keySet());
        List<String> messages = new ArrayList<>();
        if (!difference.onlyPublished().isEmpty()) {
            messages.add("operations only in openapi.yaml: " + difference.onlyPublished());
        }
        if (!difference.onlyServed().isEmpty()) {
            messages.add("operations only in the served /q/openapi: " + difference.onlyServed());
        }
        return messages;
    }

    static List<String> compareParameters(ApiDocument served, ApiDocument published) {
        return forEachCommonOperation(served, published, (s, p) -> {
            List<String> messages = new ArrayList<>();
            Difference.of(published.parameters(p), served.parameters(s)).describe(p.name() + " parameters")
                    .ifPresent(messages::add);
            return messages;
        });
    }

    static List<String> compareRequestBodies(ApiDocument served, ApiDocument published) {
        return forEachCommonOperation(served, published, (s, p) -> {
            List<String> messages = new ArrayList<>();
            JsonNode servedBody = served.requestSchema(s);
            JsonNode publishedBody = published.requestSchema(p);
            if (servedBody == null || publishedBody == null) {
                if (servedBody != publishedBody) {
                    messages.add(p.name() + " request body: "
                            + (servedBody == null ? "only in openapi.yaml" : "only in the served /q/openapi"));
                }
                return messages;
            }
            String where = p.name() + " request body";
            compareFields(where, served, servedBody, published, publishedBody, 0, messages);
            JsonNode servedShape = served.shape(servedBody);
            JsonNode publishedShape = published.shape(publishedBody);
            Difference.of(textValues(publishedShape.path("required")), textValues(servedShape.path("required")))
                    .describe(where + " required fields").ifPresent(messages::add);
            return messages;
        });
    }

    /**
     * The lowest 2xx response with a body on each side; skipped when the served one has no fields
     * (an operation returning a bare {@code Response} is served with an empty schema).
     */
    static List<String> compareSuccessResponses(ApiDocument served, ApiDocument published) {
        return forEachCommonOperation(served, published, (s, p) -> {
            List<String> messages = new ArrayList<>();
            Map.Entry<String, JsonNode> servedResponse = served.successSchema(s);
            Map.Entry<String, JsonNode> publishedResponse = published.successSchema(p);
            if (servedResponse == null || served.shape(servedResponse.getValue()).path("properties").isEmpty()) {
                return messages;
            }
            if (publishedResponse == null) {
                messages.add(p.name() + ": the served " + servedResponse.getKey()
                        + " response has a body, openapi.yaml documents none");
                return messages;
            }
            compareFields(p.name() + " response " + publishedResponse.getKey(), served, servedResponse.getValue(),
                    published, publishedResponse.getValue(), 0, messages);
            return messages;
        });
    }

    /** Compared only where the served document lists roles in its security requirements. */
    static List<String> compareRoles(ApiDocument served, ApiDocument published) {
        return forEachCommonOperation(served, published, (s, p) -> {
            List<String> messages = new ArrayList<>();
            Set<String> servedRoles = served.securityRoles(s);
            if (!servedRoles.isEmpty()) {
                Difference.of(published.securityRoles(p), servedRoles).describe(p.name() + " roles")
                        .ifPresent(messages::add);
            }
            return messages;
        });
    }

    /** Property names at every level both sides describe as objects, and enum values at every leaf. */
    private static void compareFields(String where, ApiDocument served, JsonNode servedSchema,
            ApiDocument published, JsonNode publishedSchema, int depth, List<String> messages) {
        JsonNode s = served.shape(servedSchema);
        JsonNode p = published.shape(publishedSchema);
        if (depth > MAX_SCHEMA_DEPTH) {
            return;
        }
        if (ApiDocument.isArray(s) && ApiDocument.isArray(p)) {
            compareFields(where + "[]", served, s.path("items"), published, p.path("items"), depth + 1, messages);
            return;
        }
        if (s.has("enum") && p.has("enum")) {
            Difference.of(textValues(p.get("enum")), textValues(s.get("enum"))).describe(where + " values")
                    .ifPresent(messages::add);
        }
        JsonNode servedProperties = s.path("properties");
        JsonNode publishedProperties = p.path("properties");
        if (servedProperties.isEmpty() && publishedProperties.isEmpty()) {
            return;
        }
        Set<String> servedNames = fieldNames(servedProperties);
        Set<String> publishedNames = fieldNames(publishedProperties);
        Difference.of(publishedNames, servedNames).describe(where + " fields").ifPresent(messages::add);
        String prefix = depth == 0 ? where + " " : where + ".";
        for (String name : new TreeSet<>(servedNames)) {
            if (publishedNames.contains(name)) {
                compareFields(prefix + name, served, servedProperties.get(name), published,
                        publishedProperties.get(name), depth + 1, messages);
            }
        }
    }

    private static List<String> forEachCommonOperation(ApiDocument served, ApiDocument published,
            BiFunction<Operation, Operation, List<String>> compare) {
        List<String> messages = new ArrayList<>();
        Map<String, Operation> servedOperations = served.operations();
        published.operations().forEach((name, publishedOperation) -> {
            Operation servedOperation = servedOperations.get(name);
            if (servedOperation != null) {
                messages.addAll(compare.apply(servedOperation, publishedOperation));
            }
        });
        return messages;
    }

    // ----------------------------------------------------------------------------------------------
    // Checks of the published document alone
    // ----------------------------------------------------------------------------------------------

    /** Every operation needs a bearer token (no anonymous alternative), names its roles, and documents 401. */
    static List<String> checkSecurity(ApiDocument document) {
        List<String> messages = new ArrayList<>();
        Set<String> schemes = fieldNames(document.root().at("/components/securitySchemes"));
        for (Operation operation : document.operations().values()) {
            JsonNode requirements = document.securityRequirements(operation);
            if (requirements.isEmpty()) {
                messages.add(operation.name() + " declares no security requirement");
            }
            for (JsonNode requirement : requirements) {
                if (requirement.isEmpty()) {
                    messages.add(operation.name() + " allows anonymous calls (an empty security requirement)");
                }
                fieldNames(requirement).stream().filter(scheme -> !schemes.contains(scheme)).forEach(scheme ->
                        messages.add(operation.name() + " names the undefined security scheme " + scheme));
            }
            if (!operation.node().path("responses").has("401")) {
                messages.add(operation.name() + " declares no 401 response");
            }
            Set<String> xRoles = textValues(operation.node().path("x-roles"));
            Set<String> securityRoles = document.securityRoles(operation);
            if (xRoles.isEmpty()) {
                messages.add(operation.name() + " lists no x-roles");
            } else if (!xRoles.equals(securityRoles)) {
                messages.add(operation.name() + ": x-roles " + xRoles + " but security names the roles "
                        + securityRoles);
            }
        }
        return messages;
    }

    /**
     * A POST creates when the contract says so, or when it posts to a collection whose members the
     * document can GET ({@code POST /x} beside {@code GET /x/{id}}).
     */
    static List<String> checkCreates(ApiDocument document) {
        List<String> messages = new ArrayList<>();
        Map<String, Operation> operations = document.operations();
        CONTRACT_CREATES.stream().filter(name -> !operations.containsKey(name)).sorted()
                .forEach(name -> messages.add(name + " (a create of the contract) is missing"));
        for (Operation operation : operations.values()) {
            if (!operation.method().equals("post")) {
                continue;
            }
            boolean memberReadable = operations.values().stream().anyMatch(other -> other.method().equals("get")
                    && other.path().matches(Pattern.quote(operation.path()) + "/\\{[^/}]+}"));
            if (!memberReadable && !CONTRACT_CREATES.contains(operation.name())) {
                continue;
            }
            JsonNode created = operation.node().path("responses").path("201");
            if (created.isMissingNode()) {
                messages.add(operation.name() + " creates but declares no 201 response");
            } else if (!document.resolve(created).path("headers").has("Location")) {
                messages.add(operation.name() + " answers 201 without a Location header");
            }
        }
        return messages;
    }

    // ----------------------------------------------------------------------------------------------
    // Documents
    // ----------------------------------------------------------------------------------------------

    private static synchronized ApiDocument published() {
        if (published == null) {
            try {
                published = ApiDocument.read(Files.readString(PUBLISHED), true);
            } catch (IOException e) {
                throw new AssertionError("openapi.yaml cannot be read from " + PUBLISHED.toAbsolutePath(), e);
            }
        }
        return published;
    }

    private static synchronized ApiDocument served() {
        if (served == null) {
            String body = given().queryParam("format", "json").get(Management.url("/q/openapi"))
                    .then().statusCode(200).extract().asString();
            served = ApiDocument.read(body, false);
        }
        return served;
    }

    private static void assertAgree(List<String> differences) {
        if (!differences.isEmpty()) {
            fail("openapi.yaml and the served /q/openapi disagree (update openapi.yaml, or the code):\n  - "
                    + String.join("\n  - ", differences));
        }
    }

    private static void assertSound(List<String> findings) {
        if (!findings.isEmpty()) {
            fail("openapi.yaml:\n  - " + String.join("\n  - ", findings));
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> textValues(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(value -> {
            if (!value.isNull()) {
                values.add(value.asText());
            }
        });
        return values;
    }

    /** What only one side has; sorted, so that messages are stable. */
    record Difference(Set<String> onlyPublished, Set<String> onlyServed) {

        static Difference of(Set<String> published, Set<String> served) {
            Set<String> onlyPublished = new TreeSet<>(published);
            onlyPublished.removeAll(served);
            Set<String> onlyServed = new TreeSet<>(served);
            onlyServed.removeAll(published);
            return new Difference(onlyPublished, onlyServed);
        }

        Optional<String> describe(String what) {
            List<String> parts = new ArrayList<>();
            if (!onlyPublished.isEmpty()) {
                parts.add("only in openapi.yaml " + onlyPublished);
            }
            if (!onlyServed.isEmpty()) {
                parts.add("only in the served /q/openapi " + onlyServed);
            }
            return parts.isEmpty() ? Optional.empty()
                    : Optional.of(what + ": " + String.join("; ", parts));
        }
    }

    record Operation(String method, String path, JsonNode node, JsonNode pathItem) {

        String name() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }
    }

    /** An OpenAPI 3.x document as a JSON tree, with local {@code $ref}s resolved on demand. */
    record ApiDocument(JsonNode root, boolean isPublished) {

        private static final ObjectMapper JSON = new ObjectMapper();
        private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

        static ApiDocument read(String text, boolean isPublished) {
            try {
                return new ApiDocument((isPublished ? YAML : JSON).readTree(text), isPublished);
            } catch (IOException e) {
                throw new AssertionError((isPublished ? "openapi.yaml" : "the served /q/openapi")
                        + " is not a readable document: " + e.getMessage(), e);
            }
        }

        /** Every operation under /api/, by "METHOD path". */
        Map<String, Operation> operations() {
            Map<String, Operation> operations = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
            while (paths.hasNext()) {
                Map.Entry<String, JsonNode> path = paths.next();
                if (!path.getKey().startsWith(API_PREFIX)) {
                    continue;
                }
                JsonNode pathItem = resolve(path.getValue());
                for (String method : HTTP_METHODS) {
                    if (pathItem.has(method)) {
                        Operation operation = new Operation(method, path.getKey(), pathItem.get(method), pathItem);
                        operations.put(operation.name(), operation);
                    }
                }
            }
            return operations;
        }

        /** "in:name" of the path-item's and the operation's parameters; header names in lower case. */
        Set<String> parameters(Operation operation) {
            Set<String> parameters = new TreeSet<>();
            JsonNode node = operation.node();
            for (JsonNode list : List.of(operation.pathItem().path("parameters"), node.path("parameters"))) {
                for (JsonNode parameter : list) {
                    JsonNode p = resolve(parameter);
                    String in = p.path("in").asText();
                    String name = p.path("name").asText();
                    if (in.equals("path") || in.equals("query") || in.equals("header")) {
                        parameters.add(in + ":" + (in.equals("header") ? name.toLowerCase(Locale.ROOT) : name));
                    }
                }
            }
            return parameters;
        }

        JsonNode requestSchema(Operation operation) {
            JsonNode body = resolve(operation.node().path("requestBody"));
            return body.isMissingNode() ? null : jsonSchema(body.path("content"));
        }

        /** The lowest 2xx response that has a body: its code and schema. */
        Map.Entry<String, JsonNode> successSchema(Operation operation) {
            return fieldNames(operation.node().path("responses")).stream()
                    .filter(code -> code.startsWith("2"))
                    .map(code -> {
                        JsonNode response = resolve(operation.node().path("responses").get(code));
                        JsonNode schema = jsonSchema(response.path("content"));
                        return schema == null ? null : Map.entry(code, schema);
                    })
                    .filter(Objects::nonNull)
                    .findFirst().orElse(null);
        }

        /** The operation's own security requirements, else the document's. */
        JsonNode securityRequirements(Operation operation) {
            JsonNode own = operation.node().get("security");
            return own != null ? own : root.path("security");
        }

        Set<String> securityRoles(Operation operation) {
            Set<String> roles = new TreeSet<>();
            securityRequirements(operation).forEach(requirement ->
                    requirement.forEach(scopes -> roles.addAll(textValues(scopes))));
            return roles;
        }

        /** Follows local {@code $ref}s ("#/components/..."). */
        JsonNode resolve(JsonNode node) {
            JsonNode current = node;
            for (int hops = 0; current != null && current.has("$ref"); hops++) {
                String ref = current.get("$ref").asText();
                if (!ref.startsWith("#/") || hops > 20) {
                    throw new AssertionError(describe() + ": cannot resolve $ref " + ref);
                }
                JsonNode target = root.at(ref.substring(1));
                if (target.isMissingNode()) {
                    throw new AssertionError(describe() + ": $ref " + ref + " points nowhere");
                }
                current = target;
            }
            return current == null ? MissingNode.getInstance() : current;
        }

        /**
         * The schema with references followed and wrappers removed: a lone {@code allOf} branch, a
         * nullable {@code oneOf}/{@code anyOf} of one schema and {@code null}; several {@code allOf}
         * branches are merged.
         */
        JsonNode shape(JsonNode schema) {
            JsonNode current = resolve(schema);
            for (int unwrapped = 0; unwrapped < 10; unwrapped++) {
                if (current.has("allOf") && !current.has("properties")) {
                    if (current.get("allOf").size() == 1) {
                        current = resolve(current.get("allOf").get(0));
                        continue;
                    }
                    return merged(current.get("allOf"));
                }
                JsonNode alternatives = current.has("oneOf") ? current.get("oneOf") : current.get("anyOf");
                if (alternatives != null) {
                    List<JsonNode> notNull = new ArrayList<>();
                    alternatives.forEach(alternative -> {
                        JsonNode a = resolve(alternative);
                        if (!"null".equals(a.path("type").asText())) {
                            notNull.add(a);
                        }
                    });
                    if (notNull.size() == 1) {
                        current = notNull.get(0);
                        continue;
                    }
                }
                return current;
            }
            return current;
        }

        static boolean isArray(JsonNode schema) {
            JsonNode type = schema.path("type");
            if (type.isArray()) {
                for (JsonNode t : type) {
                    if (t.asText().equals("array")) {
                        return true;
                    }
                }
                return false;
            }
            return type.asText().equals("array") || (type.isMissingNode() && schema.has("items"));
        }

        private JsonNode merged(JsonNode branches) {
            ObjectNode merged = JSON.createObjectNode();
            ObjectNode properties = merged.putObject("properties");
            ArrayNode required = merged.putArray("required");
            branches.forEach(branch -> {
                JsonNode b = shape(branch);
                b.path("properties").fields().forEachRemaining(p -> properties.set(p.getKey(), p.getValue()));
                b.path("required").forEach(required::add);
            });
            return merged;
        }

        private JsonNode jsonSchema(JsonNode content) {
            if (content.isMissingNode() || content.isEmpty()) {
                return null;
            }
            JsonNode media = content.has("application/json") ? content.get("application/json")
                    : content.elements().next();
            return media.has("schema") ? media.get("schema") : null;
        }

        private String describe() {
            return isPublished ? "openapi.yaml" : "the served /q/openapi";
        }
    }
}
