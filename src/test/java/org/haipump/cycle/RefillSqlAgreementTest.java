package org.haipump.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.haipump.platform.persistence.RuleParameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SQL fragments of {@link RefillSql} decide as the Java rules do: the domain tests' boundary
 * tables, run through PostgreSQL. A rule changed on one side only fails here.
 */
@QuarkusTest
class RefillSqlAgreementTest {

    private static final Instant FILLED_AT = Instant.parse("2026-02-16T14:00:00Z");
    /** Parameters stand for columns: typed as the columns are. */
    private static final String AT = "cast(:at as timestamptz)";

    @Inject
    EntityManager em;

    @Inject
    RefillCycle rules;

    @ParameterizedTest(name = "[{index}] {1} mL {0} at {2} mL/day")
    @MethodSource("org.haipump.cycle.FlowAwareDeadlineTest#deadlines")
    @Transactional
    void theDeadlineAfterAFill(Drug drug, double volumeMl, double rate, Duration dueAfter, DeadlineBasis basis,
                               Duration emptyAfter) {
        String due = RefillSql.dueAt(AT, ":drug", "cast(:volume as numeric)", "cast(:rate as numeric)");
        String sql = "select " + seconds(due) + ", " + seconds(RefillSql.reserveEndsAt(due)) + ", "
                + seconds(RefillSql.emptyAt(AT, ":drug", "cast(:volume as numeric)", "cast(:rate as numeric)"));
        Object[] row = (Object[]) query(sql).setParameter("at", FILLED_AT).setParameter("drug", drug.name())
                .setParameter("volume", BigDecimal.valueOf(volumeMl)).setParameter("rate", BigDecimal.valueOf(rate))
                .getSingleResult();

        RefillDeadline java = rules.policy().deadline(new FillFact(FILLED_AT, drug, volumeMl), rate, false);
        assertThat(instant(row[0])).isEqualTo(java.dueAt());
        assertThat(instant(row[1])).isEqualTo(java.reserveEndsAt());
        assertThat(row[2] == null ? null : instant(row[2])).isEqualTo(java.predictedEmptyAt());
    }

    @ParameterizedTest(name = "[{index}] nominal {0}, measured {1} (lower bound {2})")
    @MethodSource("org.haipump.cycle.FlowAwareDeadlineTest#rates")
    @Transactional
    void theRatePredictionsUse(double nominal, Double measured, boolean lowerBound, double used) {
        Object rate = query("select " + RefillSql.predictionRate("cast(:measured as numeric)", "cast(:lowerBound as boolean)",
                "cast(:nominal as numeric)"))
                .setParameter("measured", measured == null ? null : BigDecimal.valueOf(measured))
                .setParameter("lowerBound", lowerBound).setParameter("nominal", BigDecimal.valueOf(nominal))
                .getSingleResult();

        assertThat(((BigDecimal) rate).doubleValue()).isEqualTo(used);
    }

    @ParameterizedTest(name = "[{index}] {0} fill, now {1}: {2}")
    @MethodSource("org.haipump.cycle.RefillStatusBoundariesTest#statuses")
    @Transactional
    void theStatusEdges(Drug drug, Instant now, RefillStatus status) {
        RefillDeadline deadline = rules.policy().deadline(
                new FillFact(RefillStatusBoundariesTest.FILLED_AT, drug, CycleFixtures.FULL_ML), 1.0, false);
        Object[] row = (Object[]) query("select " + RefillSql.isPastDue("cast(:dueAt as timestamptz)") + ", "
                + RefillSql.reserveHasEnded("cast(:reserveEndsAt as timestamptz)"))
                .setParameter("dueAt", deadline.dueAt()).setParameter("reserveEndsAt", deadline.reserveEndsAt())
                .setParameter("now", now).getSingleResult();

        RefillStatus sql = (Boolean) row[1] ? RefillStatus.CRITICAL
                : (Boolean) row[0] ? RefillStatus.OVERDUE : RefillStatus.UPCOMING;
        assertThat(sql).isEqualTo(status).isEqualTo(rules.policy().statusAt(deadline.dueAt(), now));
    }

    @ParameterizedTest(name = "[{index}] starting {0}, at {1}: missed {2}")
    @MethodSource("org.haipump.cycle.MissedVisitTest#visits")
    @Transactional
    void whenAVisitIsMissed(Instant startsAt, Instant now, boolean missed) {
        Object sql = query("select " + RefillSql.isMissed("cast(:startsAt as timestamptz)")).setParameter("startsAt", startsAt)
                .setParameter("now", now).getSingleResult();

        assertThat((Boolean) sql).isEqualTo(missed).isEqualTo(!now.isBefore(rules.policy().missedAt(startsAt)));
    }

    @ParameterizedTest(name = "[{index}] {0} in {1}")
    @MethodSource("org.haipump.cycle.ImplantFillTest#days")
    @Transactional
    void theStartOfALocalDay(LocalDate day, ZoneId zone, Instant start) {
        Object sql = query("select " + seconds(RefillSql.startOfLocalDay("cast(:day as date)", "cast(:zone as text)")))
                .setParameter("day", day).setParameter("zone", zone.getId()).getSingleResult();

        assertThat(instant(sql)).isEqualTo(start).isEqualTo(day.atStartOfDay(zone).toInstant());
    }

    private Query query(String sql) {
        return RuleParameters.bind(em.createNativeQuery(sql), sql, rules.policy());
    }

    /** An instant as epoch seconds with their fraction, whatever type the driver maps timestamptz to. */
    private static String seconds(String instant) {
        return "extract(epoch from " + instant + ")";
    }

    private static Instant instant(Object epochSeconds) {
        BigDecimal seconds = (BigDecimal) epochSeconds;
        long whole = seconds.longValue();
        return Instant.ofEpochSecond(whole, seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue());
    }
}
