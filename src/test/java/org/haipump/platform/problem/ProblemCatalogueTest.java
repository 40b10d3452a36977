package org.haipump.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalogue of problem types and the API guide's tables of them say the same: every type is
 * documented with its status, nothing else is, and no two types share a title.
 */
class ProblemCatalogueTest {

    private static final Path GUIDE = Path.of("docs/api-guide.md");
    private static final String SECTION = "### Every problem type";
    /** {@code | `/problems/code` | 409 | …} or, in the tables of one status, {@code | `/problems/code` | operations | …}. */
    private static final Pattern ROW = Pattern.compile("^\\| `/problems/([a-z0-9-]+)` \\| ([^|]*)\\|");
    /** The line above a table of one status: {@code Conflicts with the current state (409):}. */
    private static final Pattern TABLE_STATUS = Pattern.compile("\\((\\d{3})\\):$");
    private static final Pattern ANY_TYPE = Pattern.compile("/problems/([a-z0-9-]+)");

    private static String guide;
    /** Each documented code with the statuses its rows give it. */
    private static Map<String, List<Integer>> documented;

    @BeforeAll
    static void readTheGuide() throws IOException {
        guide = Files.readString(GUIDE);
        documented = rowsOf(guide);
    }

    @Test
    void everyProblemTypeIsDocumentedWithItsStatus() {
        for (ProblemType type : ProblemType.values()) {
            assertThat(documented.get(type.code())).as("the statuses of the rows of %s in %s", type.uri(), GUIDE)
                    .isNotNull().containsOnly(type.status());
        }
    }

    @Test
    void everyDocumentedRowIsAProblemType() {
        assertThat(documented.keySet()).as("rows of %s § %s", GUIDE, SECTION)
                .allSatisfy(code -> assertThat(ProblemType.ofCode(code)).as(code).isPresent());
    }

    @Test
    void theGuideNamesNoOtherProblemTypeAnywhere() {
        Matcher named = ANY_TYPE.matcher(guide);
        while (named.find()) {
            assertThat(ProblemType.ofCode(named.group(1))).as("%s in %s", named.group(), GUIDE).isPresent();
        }
    }

    @Test
    void noTwoTypesShareACodeOrATitle() {
        assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::code)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(ProblemType.values()).map(t -> t.title().toLowerCase()))
                .as("titles, whatever their case").doesNotHaveDuplicates();
    }

    private static Map<String, List<Integer>> rowsOf(String markdown) {
        int start = markdown.indexOf(SECTION);
        assertThat(start).as("%s in %s", SECTION, GUIDE).isNotNegative();
        int end = markdown.indexOf("\n## ", start);
        Map<String, List<Integer>> rows = new HashMap<>();
        Integer tableStatus = null;
        for (String line : markdown.substring(start, end < 0 ? markdown.length() : end).split("\n")) {
            Matcher heading = TABLE_STATUS.matcher(line.strip());
            if (heading.find()) {
                tableStatus = Integer.valueOf(heading.group(1));
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (!row.find()) {
                continue;
            }
            String second = row.group(2).strip();
            Integer status = second.matches("\\d{3}") ? Integer.valueOf(second) : tableStatus;
            assertThat(status).as("the status of the row of %s", row.group(1)).isNotNull();
            rows.computeIfAbsent(row.group(1), code -> new ArrayList<>()).add(status);
        }
        return rows;
    }
}
