package org.haipump.cycle;

import java.util.Map;

/**
 * The refill rules that set-based statements repeat in SQL: the rate predictions use, the deadline
 * after a fill, the status edges, when a booked visit is missed and when a chemotherapy hold is due
 * for review. Each fragment mirrors one method of {@link CyclePolicy}, {@link RefillCycle} or
 * {@link ChemotherapyHold}; {@code RefillSqlAgreementTest} runs the same
 * boundary tables through both against PostgreSQL. Fragments take column expressions and read the
 * named parameters of {@link #parameters}, and {@code :now}.
 */
public final class RefillSql {

    private RefillSql() {
    }

    /** The policy's durations, in seconds, under the names the fragments use. */
    public static Map<String, Object> parameters(CyclePolicy policy) {
        return Map.of(
                "refillSeconds", (double) policy.refillInterval().toSeconds(),
                "glycerolSeconds", (double) policy.glycerolInterval().toSeconds(),
                "reserveSeconds", (double) policy.reserve().toSeconds(),
                "missedAfterSeconds", (double) policy.missedAfter().toSeconds());
    }

    /** {@link RefillCycle#predictionRate}: the measured rate, at least the nominal one when it is a lower bound. */
    public static String predictionRate(String measured, String lowerBound, String nominal) {
        return "(case when %1$s > 0 then (case when %2$s then greatest(%1$s, %3$s) else %1$s end) else %3$s end)"
                .formatted(measured, lowerBound, nominal);
    }

    /** {@link CyclePolicy#emptyAt}: null after glycerol; rounded to the second in decimal, as in Java. */
    public static String emptyAt(String performedAt, String drug, String volume, String rate) {
        return ("(case when %2$s = 'GLYCEROL' or not (%4$s > 0) then null"
                + " else %1$s + make_interval(secs => cast(round(%3$s * 86400 / %4$s) as double precision)) end)")
                .formatted(performedAt, drug, volume, rate);
    }

    /**
     * {@link CyclePolicy#deadline}'s due time: the drug's interval, pulled in to the empty time less
     * the reserve, never before the fill. {@code least} and {@code greatest} skip a null empty time.
     */
    public static String dueAt(String performedAt, String drug, String volume, String rate) {
        String byInterval = "%s + make_interval(secs => case when %s = 'GLYCEROL' then :glycerolSeconds else :refillSeconds end)"
                .formatted(performedAt, drug);
        String byFlow = emptyAt(performedAt, drug, volume, rate) + " - make_interval(secs => :reserveSeconds)";
        return "greatest(%s, least(%s, %s))".formatted(performedAt, byInterval, byFlow);
    }

    /** {@link CyclePolicy#reserveEndsAt}. */
    public static String reserveEndsAt(String dueAt) {
        return "(%s + make_interval(secs => :reserveSeconds))".formatted(dueAt);
    }

    /**
     * The start of a local day in a zone, as {@code LocalDate.atStartOfDay(zone)} gives it (the
     * implant fill's instant, for one). Where clocks fall back over midnight, so that midnight
     * happens twice (America/Havana on 2026-11-01), PostgreSQL reads the local midnight in standard
     * time, the second one; Java takes the first, when the day begins. Stepping back by the offset
     * change just before PostgreSQL's instant, when the clocks went back, finds the first. In a gap
     * over midnight both take the instant the gap ends.
     */
    public static String startOfLocalDay(String localDate, String timeZone) {
        String asStandard = "(cast(%s as timestamp) at time zone %s)".formatted(localDate, timeZone);
        return ("(%1$s - greatest(interval '0 seconds', ((%1$s - interval '1 second') at time zone %2$s)"
                + " - (%1$s at time zone %2$s) + interval '1 second'))").formatted(asStandard, timeZone);
    }

    /** {@link ChemotherapyHold#reviewIsDue}'s edge: the start of the review day has come. */
    public static String reviewIsDue(String reviewOn, String timeZone) {
        return "%s <= :now".formatted(startOfLocalDay(reviewOn, timeZone));
    }

    /** {@link CyclePolicy#statusAt} is OVERDUE or CRITICAL: the refill is past due. */
    public static String isPastDue(String dueAt) {
        return "%s <= :now".formatted(dueAt);
    }

    /** {@link CyclePolicy#statusAt} is CRITICAL: the reserve has ended. */
    public static String reserveHasEnded(String reserveEndsAt) {
        return "%s <= :now".formatted(reserveEndsAt);
    }

    /** {@link CyclePolicy#missedAt} has come: a visit still booked is missed. */
    public static String isMissed(String startsAt) {
        return "%s + make_interval(secs => :missedAfterSeconds) <= :now".formatted(startsAt);
    }
}
