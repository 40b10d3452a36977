package org.haipump.flags;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.stream.Stream;
import org.haipump.cycle.ChemotherapyHold;
import org.haipump.cycle.RefillSql;
import org.haipump.cycle.ReviewDayEdges;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The overdue scan finds a hold due for review with SQL ({@link RefillSql#reviewIsDue}); the rule is
 * {@link ChemotherapyHold#reviewIsDue}. Both pass the same boundary table in PostgreSQL, daylight
 * saving changes over midnight included.
 */
@QuarkusTest
class ReviewDayEdgeSqlTest {

    private static final String EDGE = "select %s, %s from (select cast(:reviewOn as date) as review_on,"
            + " cast(:zone as text) as time_zone) t";

    @Inject
    EntityManager em;

    static Stream<Arguments> edges() {
        return ReviewDayEdges.ALL.stream().map(edge -> Arguments.of(edge.name(), edge));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("edges")
    void theSqlEdgeIsTheJavaEdge(String name, ReviewDayEdges.Edge edge) {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(EDGE.formatted(
                        RefillSql.reviewIsDue("t.review_on", "t.time_zone"),
                        RefillSql.startOfLocalDay("t.review_on", "t.time_zone")))
                .setParameter("reviewOn", edge.reviewOn().toString())
                .setParameter("zone", edge.zone().getId())
                .setParameter("now", edge.at())
                .getSingleResult());

        assertThat((Boolean) row[0]).as("due in SQL").isEqualTo(edge.due());
        assertThat(instant(row[1])).as("start of the review day in SQL")
                .isEqualTo(ChemotherapyHold.lasting(edge.reviewOn(), edge.reviewOn()).reviewDueAt(edge.zone()));
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
