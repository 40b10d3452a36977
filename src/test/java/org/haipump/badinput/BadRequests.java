package org.haipump.badinput;

import static org.haipump.badinput.BadRequest.Expectation.ACCEPTED;
import static org.haipump.badinput.BadRequest.Expectation.refused;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.haipump.badinput.BadRequest.Expectation;
import org.haipump.badinput.BadRequest.Wire;

/**
 * Derives the bad requests of one endpoint from a request it accepts: for the body as a whole
 * (not JSON, not an object, trailing garbage, wrong media types, too large ...), for each field of
 * the body found in the valid JSON tree (its Java type and constraints read from the request record:
 * type swaps, null and missing, values of its kind that are malformed or out of range), for each
 * header the fixture sends and for each id in the path. Deterministic: the same catalogue gives the
 * same cases, each with a name.
 */
final class BadRequests {

    static final String JSON = "application/json";
    /** Far beyond Jackson's default nesting limit of 1000, and still below the body size limit. */
    static final int NESTING = 10_000;
    static final int MEBIBYTE = 1 << 20;
    /** Longer than any text field may be, short enough that the body stays below the size limit. */
    static final int LONG_TEXT = 60_000;

    static final Expectation BAD = refused(400);
    static final Expectation BAD_OR_RULE = refused(400, 422);
    static final Expectation UNKNOWN_REFERENCE = refused(404, 422);
    static final Expectation NOT_FOUND = refused(404);
    static final Expectation TOO_LARGE = refused(413);
    static final Expectation UNSUPPORTED_MEDIA_TYPE = refused(415);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String RAW = "@@raw-value@@";

    /** The kind of value a field holds, from its Java type (or, without one, its JSON value). */
    enum Kind { TEXT, ENUM, UUID, DATE, INSTANT, DECIMAL, INTEGER, BOOLEAN, OBJECT, ARRAY }

    /** A field of the body: where it is, what it holds, and the constraints of its record component. */
    record Field(List<Object> path, Kind kind, boolean required, boolean notBlank, Integer maxLength,
                 Integer fractionDigits) {

        String name() {
            StringBuilder name = new StringBuilder();
            for (Object segment : path) {
                if (segment instanceof Integer index) {
                    name.append('[').append(index).append(']');
                } else {
                    name.append(name.length() == 0 ? "" : ".").append(segment);
                }
            }
            return name.toString();
        }

        boolean isMember() {
            return path.get(path.size() - 1) instanceof String;
        }
    }

    private BadRequests() {
    }

    /** Every bad request of the endpoint, and the accepted control first. */
    static List<BadRequest> of(WriteEndpoint endpoint, Target sample, long bodyLimit) {
        List<BadRequest> cases = new ArrayList<>();
        cases.add(new BadRequest("the valid request (control)", ACCEPTED, BadRequests::valid));
        for (int i = 0; i < sample.pathIds().size(); i++) {
            int position = i;
            cases.add(new BadRequest("path id " + (i + 1) + " is not a UUID", NOT_FOUND,
                    t -> withPathId(valid(t), position, "not-a-uuid")));
            cases.add(new BadRequest("path id " + (i + 1) + " is an unknown UUID", NOT_FOUND,
                    t -> withPathId(valid(t), position, UUID.randomUUID().toString())));
        }
        for (String header : sample.headers().keySet()) {
            cases.addAll(headerCases(header));
        }
        if (sample.body() == null) {
            cases.add(new BadRequest("a body above the size limit, with its length declared", TOO_LARGE,
                    t -> wire(t, JSON, "x".repeat((int) bodyLimit + 1).getBytes(StandardCharsets.UTF_8), false)));
            return cases;
        }
        cases.addAll(bodyCases(bodyLimit, hasRequiredField(endpoint.requestType())));
        for (Field field : fieldsOf(sample.body(), endpoint.requestType(), List.of())) {
            cases.addAll(fieldCases(field));
        }
        return cases;
    }

    // ----------------------------------------------------------------------------------------------
    // The body as a whole
    // ----------------------------------------------------------------------------------------------

    /** Whether the record has a component the body must name; a body of only optional fields may be empty. */
    private static boolean hasRequiredField(Class<? extends Record> type) {
        for (var component : type.getRecordComponents()) {
            if (isRequired(componentOf(type, component.getName()))) {
                return true;
            }
        }
        return false;
    }

    private static List<BadRequest> bodyCases(long limit, boolean hasRequiredField) {
        List<BadRequest> cases = new ArrayList<>();
        cases.add(text("an empty body", BAD, valid -> ""));
        cases.add(text("JSON null", BAD, valid -> "null"));
        cases.add(text("an empty JSON array", BAD, valid -> "[]"));
        cases.add(text("the valid body inside an array", BAD, valid -> "[" + valid + "]"));
        cases.add(text("a JSON string", BAD, valid -> "\"text\""));
        cases.add(text("a JSON number", BAD, valid -> "42"));
        cases.add(text("an empty JSON object", hasRequiredField ? BAD : ACCEPTED, valid -> "{}"));
        cases.add(text("truncated JSON", BAD, valid -> valid.substring(0, valid.length() - 1)));
        cases.add(text("form fields, not JSON", BAD, valid -> "mode=ACTIVE&volumeMl=30"));
        cases.add(text("XML, not JSON", BAD, valid -> "<request><mode>ACTIVE</mode></request>"));
        cases.add(text("trailing garbage after the JSON", BAD, valid -> valid + " garbage"));
        cases.add(text("a second JSON document after the first", BAD, valid -> valid + valid));
        cases.add(text("a comment in the JSON", BAD, valid -> "/* comment */ " + valid));
        cases.add(text("single-quoted JSON", BAD, valid -> valid.replace('"', '\'')));
        cases.add(text("an unknown field", BAD, valid -> "{\"unknownField\":1," + valid.substring(1)));
        cases.add(text("arrays nested " + NESTING + " deep", BAD,
                valid -> "[".repeat(NESTING) + "]".repeat(NESTING)));
        cases.add(text("objects nested " + NESTING + " deep", BAD,
                valid -> "{\"a\":".repeat(NESTING) + "1" + "}".repeat(NESTING)));
        cases.add(new BadRequest("bytes that are not UTF-8", BAD, t -> {
            byte[] valid = bytes(t.body());
            byte[] broken = java.util.Arrays.copyOf(valid, valid.length + 4);
            // An object member holding the lone continuation byte 0x80, inside a string.
            byte[] tail = new byte[] {'"', (byte) 0x80, '"', ':'};
            broken[0] = '{';
            System.arraycopy(tail, 0, broken, 1, tail.length);
            System.arraycopy(valid, 1, broken, 5, valid.length - 1);
            return wire(t, JSON, broken, false);
        }));
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/octet-stream")) {
            cases.add(new BadRequest("the valid body sent as " + type, UNSUPPORTED_MEDIA_TYPE,
                    t -> wire(t, type, bytes(t.body()), false)));
        }
        cases.add(new BadRequest("the valid body sent without a Content-Type", UNSUPPORTED_MEDIA_TYPE,
                t -> wire(t, null, bytes(t.body()), false)));
        cases.add(new BadRequest("a body of exactly the size limit (the valid body padded with spaces)", ACCEPTED,
                t -> wire(t, JSON, padded(t.body(), limit), false)));
        cases.add(new BadRequest("a body one byte above the size limit, with its length declared", TOO_LARGE,
                t -> wire(t, JSON, padded(t.body(), limit + 1), false)));
        cases.add(new BadRequest("a body one byte above the size limit, sent chunked", TOO_LARGE,
                t -> wire(t, JSON, padded(t.body(), limit + 1), true)));
        cases.add(new BadRequest("a 1 MiB body, with its length declared", TOO_LARGE,
                t -> wire(t, JSON, padded(t.body(), MEBIBYTE), false)));
        cases.add(new BadRequest("a 1 MiB body, sent chunked", TOO_LARGE,
                t -> wire(t, JSON, padded(t.body(), MEBIBYTE), true)));
        return cases;
    }

    // ----------------------------------------------------------------------------------------------
    // One field
    // ----------------------------------------------------------------------------------------------

    private static List<BadRequest> fieldCases(Field f) {
        List<BadRequest> cases = new ArrayList<>();
        Expectation absent = f.required() ? BAD : ACCEPTED;
        if (f.isMember()) {
            cases.add(field(f, "null", absent, valid -> json(NODES.nullNode())));
            cases.add(field(f, "missing", absent, valid -> MISSING));
            cases.add(field(f, "given twice", BAD, valid -> raw(valid + ",\"" + member(f) + "\":" + valid)));
        }
        boolean numeric = f.kind() == Kind.DECIMAL || f.kind() == Kind.INTEGER;
        boolean textual = List.of(Kind.TEXT, Kind.ENUM, Kind.UUID, Kind.DATE, Kind.INSTANT).contains(f.kind());
        if (!textual) {
            cases.add(field(f, "a JSON string (its value quoted)", BAD, valid -> json(NODES.textNode(valid.asText()))));
        }
        if (!numeric) {
            cases.add(field(f, "a JSON number", BAD, valid -> json(NODES.numberNode(42))));
        }
        if (f.kind() != Kind.BOOLEAN) {
            cases.add(field(f, "a JSON boolean", BAD, valid -> json(NODES.booleanNode(true))));
        }
        if (f.kind() != Kind.OBJECT) {
            cases.add(field(f, "a JSON object", BAD, valid -> json(NODES.objectNode())));
        }
        if (f.kind() != Kind.ARRAY) {
            cases.add(field(f, "its value inside an array", BAD, valid -> json(NODES.arrayNode().add(valid))));
        }
        cases.add(field(f, "arrays nested " + NESTING + " deep", BAD,
                valid -> raw("[".repeat(NESTING) + "]".repeat(NESTING))));
        cases.add(field(f, "objects nested " + NESTING + " deep", BAD,
                valid -> raw("{\"a\":".repeat(NESTING) + "1" + "}".repeat(NESTING))));
        switch (f.kind()) {
            case TEXT -> textCases(f, cases);
            case ENUM -> enumCases(f, cases);
            case UUID -> uuidCases(f, cases);
            case DATE -> dateCases(f, cases);
            case INSTANT -> instantCases(f, cases);
            case DECIMAL -> decimalCases(f, cases);
            case INTEGER -> integerCases(f, cases);
            case BOOLEAN -> cases.add(field(f, "the number 1", BAD, valid -> json(NODES.numberNode(1))));
            case OBJECT, ARRAY -> {
                // their members and items are fields of their own
            }
        }
        return cases;
    }

    private static void textCases(Field f, List<BadRequest> cases) {
        cases.add(string(f, "an empty string", "", f.notBlank() ? BAD : ACCEPTED));
        cases.add(string(f, "only blanks", "   ", f.notBlank() ? BAD : ACCEPTED));
        if (f.maxLength() != null && f.maxLength() < LONG_TEXT) {
            cases.add(string(f, "one character longer than its maximum of " + f.maxLength(),
                    "é".repeat(f.maxLength() + 1), BAD));
        }
        cases.add(string(f, LONG_TEXT + " characters", "Lorem ipsum ".repeat(LONG_TEXT / 12), BAD));
        cases.add(string(f, "1 MiB of text", "x".repeat(MEBIBYTE), TOO_LARGE));
        cases.add(string(f, "text with a NUL character", "Ada\u0000Lovelace", BAD));
        // Escaped in the JSON text: a Java string would reach the wire as "?".
        cases.add(field(f, "text with half a surrogate pair", BAD, valid -> raw("\"Ada\\uD800\"")));
    }

    private static void enumCases(Field f, List<BadRequest> cases) {
        cases.add(string(f, "an unknown value", "NOT_A_VALUE", BAD));
        // Lower case for constants such as CHEMOTHERAPY, upper case for event types such as refill.overdue.
        cases.add(field(f, "its value in another case", BAD, valid -> {
            String value = valid.asText();
            String lower = value.toLowerCase(Locale.ROOT);
            return json(NODES.textNode(value.equals(lower) ? value.toUpperCase(Locale.ROOT) : lower));
        }));
        // Accepted like the blanks the services strip from text: the value is still unambiguous.
        cases.add(field(f, "its value with blanks around it", ACCEPTED,
                valid -> json(NODES.textNode(" " + valid.asText() + " "))));
        cases.add(string(f, "an empty string", "", BAD));
        cases.add(string(f, "a constant's index as a string", "0", BAD));
        cases.add(field(f, "a constant's index as a number", BAD, valid -> json(NODES.numberNode(0))));
    }

    private static void uuidCases(Field f, List<BadRequest> cases) {
        String uuid = "7b1e4c9a-2d3f-4a6b-8c5d-9e0f1a2b3c4d";
        cases.add(string(f, "not a UUID", "not-a-uuid", BAD));
        cases.add(string(f, "an empty string", "", BAD));
        cases.add(string(f, "a UUID without dashes", uuid.replace("-", ""), BAD));
        cases.add(string(f, "a UUID in braces", "{" + uuid + "}", BAD));
        cases.add(string(f, "a UUID with a non-hex digit", uuid.replace('b', 'g'), BAD));
        cases.add(field(f, "an unknown UUID", UNKNOWN_REFERENCE,
                valid -> json(NODES.textNode(UUID.randomUUID().toString()))));
    }

    private static void dateCases(Field f, List<BadRequest> cases) {
        for (String malformed : List.of("2026-02-30", "2026-13-01", "2026-1-5", "26-11-2026", "12/04/1961", "yesterday",
                "2026-11-26T10:00:00Z", "")) {
            cases.add(string(f, "the date '" + malformed + "'", malformed, BAD));
        }
        cases.add(field(f, "the array [2026, 2, 1]", BAD, valid -> raw("[2026,2,1]")));
        cases.add(string(f, "the first date of year -999999999", "-999999999-01-01", BAD));
        cases.add(string(f, "the last date of year +999999999", "+999999999-12-31", BAD));
        cases.add(string(f, "the first date of year 1", "0001-01-01", BAD_OR_RULE));
        cases.add(string(f, "the last date of year 9999", "9999-12-31", BAD_OR_RULE));
    }

    private static void instantCases(Field f, List<BadRequest> cases) {
        for (String malformed : List.of("2026-02-30T10:00:00Z", "2026-11-26T25:00:00Z", "2026-11-26T10:00:00",
                "2026-11-26", "yesterday", "")) {
            cases.add(string(f, "the instant '" + malformed + "'", malformed, BAD));
        }
        cases.add(string(f, "the first instant of year -999999999", "-999999999-01-01T00:00:00Z", BAD));
        cases.add(string(f, "the last instant of year +999999999", "+999999999-12-31T23:59:59Z", BAD));
        cases.add(string(f, "the first instant of year 1", "0001-01-01T00:00:00Z", BAD_OR_RULE));
        cases.add(string(f, "the last instant of year 9999", "9999-12-31T23:59:59Z", BAD_OR_RULE));
    }

    private static void decimalCases(Field f, List<BadRequest> cases) {
        cases.add(number(f, "-1", "-1", BAD_OR_RULE));
        cases.add(number(f, "-0.01", "-0.01", BAD_OR_RULE));
        cases.add(number(f, "1e308", "1e308", BAD_OR_RULE));
        cases.add(number(f, "-1e308", "-1e308", BAD_OR_RULE));
        cases.add(number(f, "a 30-digit integer", "123456789012345678901234567890", BAD_OR_RULE));
        cases.add(number(f, "1e999999999", "1e999999999", BAD_OR_RULE));
        cases.add(number(f, "1e-999999999", "1e-999999999", BAD_OR_RULE));
        cases.add(number(f, "a number of 5000 digits", "9".repeat(5000), BAD));
        if (f.fractionDigits() != null) {
            cases.add(number(f, "more than its " + f.fractionDigits() + " decimals",
                    "1." + "0".repeat(f.fractionDigits()) + "1", BAD));
        }
        for (String notANumber : List.of("NaN", "Infinity", "-Infinity")) {
            cases.add(string(f, "the string '" + notANumber + "'", notANumber, BAD));
            cases.add(number(f, "the bare token " + notANumber, notANumber, BAD));
        }
    }

    private static void integerCases(Field f, List<BadRequest> cases) {
        cases.add(number(f, "-1", "-1", BAD_OR_RULE));
        cases.add(number(f, "2^31", "2147483648", BAD_OR_RULE));
        cases.add(number(f, "2^63", "9223372036854775808", BAD_OR_RULE));
        cases.add(number(f, "1.5", "1.5", BAD));
        cases.add(number(f, "1e308", "1e308", BAD));
    }

    private static List<BadRequest> headerCases(String header) {
        List<BadRequest> cases = new ArrayList<>();
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("empty", "");
        values.put("holding a blank", "key with blank");
        values.put("256 characters long", "k".repeat(256));
        values.put("holding a tab", "key\tvalue");
        values.forEach((what, value) -> cases.add(new BadRequest("header " + header + " " + what, BAD, t -> {
            Wire valid = valid(t);
            Map<String, String> headers = new HashMap<>(valid.headers());
            headers.put(header, value);
            return new Wire(valid.pathIds(), valid.contentType(), valid.body(), valid.chunked(), Map.copyOf(headers));
        })));
        return cases;
    }

    // ----------------------------------------------------------------------------------------------
    // The fields of a body: its JSON tree, typed by the request record
    // ----------------------------------------------------------------------------------------------

    static List<Field> fieldsOf(ObjectNode body, Class<?> type, List<Object> prefix) {
        List<Field> fields = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> members = body.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            java.lang.reflect.Field component = componentOf(type, member.getKey());
            Type javaType = component == null ? null : component.getGenericType();
            List<Object> path = append(prefix, member.getKey());
            fields.add(new Field(path, kindOf(javaType, member.getValue()), isRequired(component),
                    component != null && component.isAnnotationPresent(NotBlank.class), maxLength(component),
                    fractionDigits(component)));
            fields.addAll(nestedFields(member.getValue(), javaType, path));
        }
        return fields;
    }

    /** The members of an object value, and the first item of an array value with its own fields. */
    private static List<Field> nestedFields(JsonNode value, Type javaType, List<Object> path) {
        if (value instanceof ObjectNode object) {
            return fieldsOf(object, rawClass(javaType), path);
        }
        if (value instanceof ArrayNode array && !array.isEmpty()) {
            Type itemType = javaType instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : null;
            List<Object> itemPath = append(path, 0);
            List<Field> fields = new ArrayList<>();
            fields.add(new Field(itemPath, kindOf(itemType, array.get(0)), true, false, null, null));
            fields.addAll(nestedFields(array.get(0), itemType, itemPath));
            return fields;
        }
        return List.of();
    }

    /** The names of the record's components the body does not name: fields no case would reach. */
    static List<String> unnamedComponents(ObjectNode body, Class<? extends Record> type) {
        List<String> missing = new ArrayList<>();
        for (var component : type.getRecordComponents()) {
            if (!body.has(component.getName())) {
                missing.add(component.getName());
            }
        }
        return missing;
    }

    private static java.lang.reflect.Field componentOf(Class<?> type, String name) {
        if (type == null) {
            return null;
        }
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static Kind kindOf(Type javaType, JsonNode value) {
        Class<?> type = rawClass(javaType);
        if (type == null) {
            return value.isNumber() ? Kind.DECIMAL : value.isBoolean() ? Kind.BOOLEAN : value.isObject() ? Kind.OBJECT
                    : value.isArray() ? Kind.ARRAY : Kind.TEXT;
        }
        if (type == String.class) {
            return Kind.TEXT;
        }
        if (type.isEnum()) {
            return Kind.ENUM;
        }
        if (type == UUID.class) {
            return Kind.UUID;
        }
        if (type == LocalDate.class) {
            return Kind.DATE;
        }
        if (type == Instant.class) {
            return Kind.INSTANT;
        }
        if (type == BigDecimal.class || type == Double.class || type == double.class || type == Float.class
                || type == float.class) {
            return Kind.DECIMAL;
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return Kind.INTEGER;
        }
        if (type == Boolean.class || type == boolean.class) {
            return Kind.BOOLEAN;
        }
        return Collection.class.isAssignableFrom(type) || type.isArray() ? Kind.ARRAY : Kind.OBJECT;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : null;
    }

    private static boolean isRequired(java.lang.reflect.Field component) {
        return component != null && (component.isAnnotationPresent(NotNull.class)
                || component.isAnnotationPresent(NotBlank.class) || component.isAnnotationPresent(NotEmpty.class));
    }

    private static Integer maxLength(java.lang.reflect.Field component) {
        Size size = component == null ? null : component.getAnnotation(Size.class);
        return size == null || size.max() == Integer.MAX_VALUE ? null : size.max();
    }

    private static Integer fractionDigits(java.lang.reflect.Field component) {
        Digits digits = component == null ? null : component.getAnnotation(Digits.class);
        return digits == null ? null : digits.fraction();
    }

    // ----------------------------------------------------------------------------------------------
    // Building requests
    // ----------------------------------------------------------------------------------------------

    /** What replaces a field's value: a JSON value, raw text spliced into the body, or nothing. */
    private record Replacement(JsonNode json, String raw) {
    }

    private static final Replacement MISSING = new Replacement(null, null);

    private static Replacement json(JsonNode node) {
        return new Replacement(node, null);
    }

    private static Replacement raw(String text) {
        return new Replacement(null, text);
    }

    private static BadRequest string(Field f, String what, String value, Expectation expected) {
        return field(f, what, expected, valid -> json(NODES.textNode(value)));
    }

    private static BadRequest number(Field f, String what, String literal, Expectation expected) {
        return field(f, what, expected, valid -> raw(literal));
    }

    /** A case that replaces the field's value, computed from its valid value in the target's body. */
    private static BadRequest field(Field f, String what, Expectation expected,
                                    Function<JsonNode, Replacement> change) {
        return new BadRequest(f.name() + ": " + what, expected, t -> {
            ObjectNode body = t.body().deepCopy();
            JsonNode parent = parentOf(body, f.path());
            Object last = f.path().get(f.path().size() - 1);
            JsonNode valid = last instanceof Integer index ? parent.get(index) : parent.get((String) last);
            Replacement replacement = change.apply(valid);
            String text;
            if (replacement == MISSING) {
                ((ObjectNode) parent).remove((String) last);
                text = write(body);
            } else if (replacement.raw() != null) {
                set(parent, last, NODES.textNode(RAW));
                text = splice(write(body), replacement.raw());
            } else {
                set(parent, last, replacement.json());
                text = write(body);
            }
            return wire(t, JSON, text.getBytes(StandardCharsets.UTF_8), false);
        });
    }

    /** The raw text in place of the placeholder string. */
    private static String splice(String text, String raw) {
        int at = text.indexOf("\"" + RAW + "\"");
        return text.substring(0, at) + raw + text.substring(at + RAW.length() + 2);
    }

    private static JsonNode parentOf(ObjectNode body, List<Object> path) {
        JsonNode node = body;
        for (Object segment : path.subList(0, path.size() - 1)) {
            node = segment instanceof Integer index ? node.get(index) : node.get((String) segment);
        }
        return node;
    }

    private static void set(JsonNode parent, Object key, JsonNode value) {
        if (key instanceof Integer index) {
            ((ArrayNode) parent).set(index, value);
        } else {
            ((ObjectNode) parent).set((String) key, value);
        }
    }

    private static String member(Field f) {
        return (String) f.path().get(f.path().size() - 1);
    }

    private static BadRequest text(String name, Expectation expected, UnaryOperator<String> change) {
        return new BadRequest(name, expected,
                t -> wire(t, JSON, change.apply(write(t.body())).getBytes(StandardCharsets.UTF_8), false));
    }

    static Wire valid(Target t) {
        return wire(t, t.body() == null ? null : JSON, t.body() == null ? null : bytes(t.body()), false);
    }

    private static Wire wire(Target t, String contentType, byte[] body, boolean chunked) {
        return new Wire(t.pathIds(), contentType, body, chunked, t.headers());
    }

    private static Wire withPathId(Wire wire, int position, String id) {
        List<String> ids = new ArrayList<>(wire.pathIds());
        ids.set(position, id);
        return new Wire(List.copyOf(ids), wire.contentType(), wire.body(), wire.chunked(), wire.headers());
    }

    /** The valid body followed by blanks (valid JSON whitespace) up to exactly {@code size} bytes. */
    private static byte[] padded(ObjectNode body, long size) {
        byte[] valid = bytes(body);
        byte[] padded = new byte[(int) size];
        java.util.Arrays.fill(padded, (byte) ' ');
        System.arraycopy(valid, 0, padded, 0, valid.length);
        return padded;
    }

    private static byte[] bytes(ObjectNode body) {
        return write(body).getBytes(StandardCharsets.UTF_8);
    }

    private static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Object> append(List<Object> path, Object segment) {
        List<Object> longer = new ArrayList<>(path);
        longer.add(segment);
        return List.copyOf(longer);
    }
}
