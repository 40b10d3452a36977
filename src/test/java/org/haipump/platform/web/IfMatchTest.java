package org.haipump.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.haipump.platform.problem.Problem;
import org.haipump.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The If-Match precondition, read as RFC 9110 writes it, against a row at version 3. */
class IfMatchTest {

    private static final long CURRENT = 3;

    private static void passes(String header) {
        assertThatCode(() -> IfMatch.parse(header).check(CURRENT)).as(header).doesNotThrowAnyException();
    }

    private static Problem refusal(String header) {
        IfMatch ifMatch = IfMatch.parse(header);
        ProblemException refused = catchThrowableOfType(ProblemException.class, () -> ifMatch.check(CURRENT));
        assertThat(refused).as("If-Match: %s against version %d", header, CURRENT).isNotNull();
        return refused.problem();
    }

    @Test
    void theEntityTagOfAVersionIsTheVersionQuoted() {
        assertThat(Versioned.etag(CURRENT)).isEqualTo("\"3\"");
        assertThat(new Versioned<>("body", 0).etag()).isEqualTo("\"0\"");
    }

    @Test
    void noHeaderChecksNothing() {
        passes(null);
        assertThatCode(() -> IfMatch.ABSENT.check(Long.MAX_VALUE)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "If-Match: {0}")
    @ValueSource(strings = {"*", " * ", "\"3\"", "  \"3\"  ", "\"1\", \"3\"", "\"3\",\"9\"", ", \"3\" ,,",
            "W/\"3\", \"3\""})
    void theCurrentTagOrAStarMatches(String header) {
        passes(header);
    }

    @Test
    void anotherVersionIsAFailedPreconditionThatNamesTheCurrentTag() {
        Problem problem = refusal("\"2\"");

        assertThat(problem.getStatus()).isEqualTo(412);
        assertThat(problem.getType()).isEqualTo("/problems/precondition-failed");
        assertThat(problem.getTitle()).isEqualTo("Precondition failed");
        assertThat(problem.getDetail()).contains("changed since it was read").contains("\"3\"");
        assertThat(problem.getErrors()).extracting(Problem.FieldError::field).containsExactly("If-Match");
        assertThat(problem.getExtensions()).containsEntry("currentEtag", "\"3\"");
    }

    @ParameterizedTest(name = "If-Match: {0}")
    @ValueSource(strings = {"\"4\"", "\"2\", \"4\"", "\"03\"", "\"\"", "\"3,\""})
    void anyOtherTagFails(String header) {
        assertThat(refusal(header).getStatus()).isEqualTo(412);
    }

    /** Several field lines make one list (RFC 9110, section 5.3). */
    @Test
    void severalFieldLinesAreOneList() {
        assertThatCode(() -> IfMatch.parse(List.of("\"1\"", "\"3\"")).check(CURRENT)).doesNotThrowAnyException();
        assertThatCode(() -> IfMatch.parse(List.of()).check(CURRENT)).doesNotThrowAnyException();
        ProblemException stale = catchThrowableOfType(ProblemException.class,
                () -> IfMatch.parse(List.of("\"1\"", "\"2\"")).check(CURRENT));
        assertThat(stale.problem().getStatus()).isEqualTo(412);
        ProblemException invalid = catchThrowableOfType(ProblemException.class,
                () -> IfMatch.parse(List.of("\"3\"", "*")));
        assertThat(invalid.problem().getStatus()).isEqualTo(400);
    }

    /** If-Match compares strongly: a weak tag never matches, even of the current version. */
    @Test
    void aWeakTagNeverMatches() {
        Problem problem = refusal("W/\"3\"");

        assertThat(problem.getStatus()).isEqualTo(412);
        assertThat(problem.getDetail()).contains("weak");
    }

    @ParameterizedTest(name = "If-Match: [{0}]")
    @ValueSource(strings = {"", "  ", "3", "\"3", "3\"", "W/3", "w/\"3\"", "*, \"3\"", "**", "\"3\" \"4\"",
            "\"3\";", "\"3 \"", "\"a\"b\"", "'3'", "\"3\"\t\"4\"", "\"tab\tinside\""})
    void anythingElseIsAnInvalidRequestNamingTheHeader(String header) {
        ProblemException invalid = catchThrowableOfType(ProblemException.class, () -> IfMatch.parse(header));

        assertThat(invalid).as("If-Match: [%s]", header).isNotNull();
        assertThat(invalid.problem().getStatus()).isEqualTo(400);
        assertThat(invalid.problem().getType()).isEqualTo("/problems/validation");
        assertThat(invalid.problem().getErrors()).extracting(Problem.FieldError::field).containsExactly("If-Match");
    }

    /** A comma is a legal character of an opaque tag: {@code "3,"} is one tag, not "3" and an empty element. */
    @Test
    void aCommaInsideATagBelongsToTheTag() {
        assertThat(refusal("\"3,\"").getStatus()).isEqualTo(412);
        passes("\"3,\", \"3\"");
    }
}
