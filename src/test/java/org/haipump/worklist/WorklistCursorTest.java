package org.haipump.worklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.haipump.platform.problem.ProblemException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WorklistCursorTest {

    private static final WorklistCursor CURSOR =
            new WorklistCursor(Instant.parse("2026-12-02T10:00:00.123456Z"), UUID.fromString("7b1e4c9a-2d3f-4a6b-8c5d-9e0f1a2b3c4d"));

    @Test
    void aCursorReadsBackAsItWasWritten() {
        assertThat(WorklistCursor.parse(CURSOR.encode())).isEqualTo(CURSOR);
        assertThat(CURSOR.encode()).matches("[A-Za-z0-9_-]+");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "tomorrow", "dG9tb3Jyb3c", "%%%", "x"})
    void anythingElseIsABadRequestNamingAfter(String text) {
        assertRefused(text);
    }

    @Test
    void aCursorWithSomethingAddedOrMissingIsRefused() {
        String cursor = CURSOR.encode();
        assertRefused(cursor + "x");
        assertRefused(cursor + "xy");
        assertRefused(cursor.substring(0, cursor.length() - 2));
        assertRefused(Base64.getUrlEncoder().encodeToString(("2026-12-02T10:00:00Z~" + CURSOR.pumpId() + "~more")
                .getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertRefused(String text) {
        assertThatThrownBy(() -> WorklistCursor.parse(text)).isInstanceOfSatisfying(ProblemException.class,
                e -> {
                    assertThat(e.problem().getStatus()).isEqualTo(400);
                    assertThat(e.problem().getErrors()).singleElement()
                            .satisfies(error -> assertThat(error.field()).isEqualTo("after"));
                });
    }
}
