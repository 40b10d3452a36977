package org.haipump.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haipump.badinput.BadRequests.Field;
import org.haipump.badinput.BadRequests.Kind;
import org.junit.jupiter.api.Test;

/** The generator on a body with a nested object and a list, without a running service. */
class BadRequestsTest {

    enum Colour { RED, GREEN }

    record Line(@NotBlank @Size(max = 10) String name, @Digits(integer = 3, fraction = 2) BigDecimal quantity,
                Colour colour) {
    }

    record Order(@NotNull UUID id, @NotNull Line line, List<Line> lines, String note) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> LINE = Map.of("name", "bolt", "quantity", 1.5, "colour", "RED");
    private static final Target ORDER = Target.of(Map.of("id", UUID.randomUUID().toString(), "line", LINE,
            "lines", List.of(LINE)));

    @Test
    void fieldsAreFoundAtEveryLevelWithTheConstraintsOfTheirRecordComponents() {
        List<Field> fields = BadRequests.fieldsOf(ORDER.body(), Order.class, List.of());

        assertThat(fields).extracting(Field::name).containsExactlyInAnyOrder("id", "line", "line.name",
                "line.quantity", "line.colour", "lines", "lines[0]", "lines[0].name", "lines[0].quantity",
                "lines[0].colour");
        Field name = field(fields, "lines[0].name");
        assertThat(name.kind()).isEqualTo(Kind.TEXT);
        assertThat(name.required()).isTrue();
        assertThat(name.maxLength()).isEqualTo(10);
        assertThat(field(fields, "line.quantity").fractionDigits()).isEqualTo(2);
        assertThat(field(fields, "line.colour").kind()).isEqualTo(Kind.ENUM);
        assertThat(field(fields, "lines").kind()).isEqualTo(Kind.ARRAY);
        assertThat(field(fields, "line").required()).isTrue();
        assertThat(field(fields, "lines").required()).isFalse();
    }

    @Test
    void aRecordComponentTheValidBodyLeavesOutIsReported() {
        assertThat(BadRequests.unnamedComponents(ORDER.body(), Order.class)).containsExactly("note");
    }

    @Test
    void eachCaseChangesOnlyItsField() throws Exception {
        List<BadRequest> cases = BadRequests.of(endpoint(), ORDER, 65_536);

        assertThat(body(cases, "line.name: missing").path("line").has("name")).isFalse();
        assertThat(body(cases, "line.name: missing").path("lines").get(0).has("name")).isTrue();
        assertThat(body(cases, "lines[0].colour: an unknown value").at("/lines/0/colour").asText())
                .isEqualTo("NOT_A_VALUE");
        assertThat(text(cases, "line.quantity: given twice")).contains("\"quantity\":1.5,\"quantity\":1.5");
        assertThat(text(cases, "line.quantity: the bare token NaN")).contains("\"quantity\":NaN");
        assertThat(text(cases, "trailing garbage after the JSON")).endsWith("} garbage");
        assertThat(cases.get(0).expected().accepted()).as("the control comes first").isTrue();
        assertThat(cases).filteredOn(c -> c.name().startsWith("line.name: ")).extracting(c -> c.expected().accepted())
                .containsOnly(false);
        assertThat(cases).filteredOn(c -> c.name().equals("line.colour: null"))
                .extracting(c -> c.expected().accepted()).containsExactly(true);
    }

    private static WriteEndpoint endpoint() {
        return WriteEndpoint.post("/orders", Order.class, () -> "token", () -> ORDER);
    }

    private static Field field(List<Field> fields, String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    private static String text(List<BadRequest> cases, String name) {
        BadRequest request = cases.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        return new String(request.build().apply(ORDER).body(), StandardCharsets.UTF_8);
    }

    private static com.fasterxml.jackson.databind.JsonNode body(List<BadRequest> cases, String name) throws Exception {
        return JSON.readTree(text(cases, name));
    }
}
