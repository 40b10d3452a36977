package org.haipump.cycle;

import java.time.Duration;
import java.util.Optional;

/**
 * What a fill found of the pump's flow since the previous fill, and the rate it measured: what the
 * previous fill put in, less what was withdrawn, over the elapsed (fractional) days.
 *
 * @param rateMlPerDay     null when no rate could be measured; 0 when the pump did not flow; a lower
 *                         bound when the pump was found empty
 * @param deviationPercent signed deviation of the rate from the nominal one, to one decimal; null with the rate
 */
public record FlowMeasurement(FlowFinding finding, Double rateMlPerDay, Double deviationPercent) {

    public static final FlowMeasurement NOT_MEASURED = new FlowMeasurement(FlowFinding.NOT_MEASURED, null, null);
    /** Found empty where no rate can be measured (a first fill, within a day, after glycerol). */
    private static final FlowMeasurement EMPTY_UNMEASURED = new FlowMeasurement(FlowFinding.FOUND_EMPTY, null, null);

    private static final double SECONDS_PER_DAY = 86_400.0;
    /** Below a day between two fills the withdrawn volume says nothing about the flow rate. */
    static final Duration MINIMUM_ELAPSED = Duration.ofDays(1);

    /**
     * Judged in this order: no residual says nothing; a residual of 0 is a pump found empty, whatever
     * came before (its rate, when one can be measured, is a lower bound); then a previous fill at least
     * a day earlier is needed; a residual at or above its volume is a pump that did not flow, even
     * after glycerol (glycerol slows a pump, it does not stop it); after glycerol no rate is measured
     * (it slows the pump by an amount nobody measures); otherwise the rate is judged against the
     * tolerance.
     */
    public static FlowMeasurement of(FillFact previous, ProposedFill fill, double nominalMlPerDay, CyclePolicy policy) {
        Double residual = fill.residualVolumeMl();
        if (residual == null) {
            return NOT_MEASURED;
        }
        boolean foundEmpty = residual == 0;
        Duration elapsed = previous == null ? null : Duration.between(previous.performedAt(), fill.performedAt());
        if (elapsed == null || elapsed.compareTo(MINIMUM_ELAPSED) < 0) {
            return foundEmpty ? EMPTY_UNMEASURED : NOT_MEASURED;
        }
        if (!foundEmpty && residual >= previous.volumeMl()) {
            return new FlowMeasurement(FlowFinding.NO_FLOW, 0.0, -100.0);
        }
        if (previous.drug() == Drug.GLYCEROL || !(nominalMlPerDay > 0)) {
            return foundEmpty ? EMPTY_UNMEASURED : NOT_MEASURED;
        }
        double elapsedDays = elapsed.toSeconds() / SECONDS_PER_DAY;
        double rate = (previous.volumeMl() - residual) / elapsedDays;
        // Judge the deviation as reported (one decimal): floating-point noise must not flag a
        // deviation that reads exactly as the tolerance.
        double deviation = round((rate - nominalMlPerDay) / nominalMlPerDay * 100.0, 1);
        FlowFinding finding = foundEmpty ? FlowFinding.FOUND_EMPTY
                : deviation > policy.flowTolerancePercent() ? FlowFinding.FAST
                : deviation < -policy.flowTolerancePercent() ? FlowFinding.SLOW
                : FlowFinding.IN_TOLERANCE;
        return new FlowMeasurement(finding, round(rate, 3), deviation);
    }

    /** The measured rate is only a lower bound: the pump was found empty, and ran at least this fast. */
    public boolean rateIsLowerBound() {
        return finding == FlowFinding.FOUND_EMPTY && rateMlPerDay != null;
    }

    /**
     * The rate the pump keeps for its predictions from this fill on; empty keeps the one it had. A pump
     * that did not flow is predicted at its nominal rate again: its measured 0 would predict it never
     * empties.
     */
    public Optional<LatestFlow> latestFlow() {
        return switch (finding) {
            case IN_TOLERANCE, FAST, SLOW -> Optional.of(new LatestFlow(rateMlPerDay, false));
            case FOUND_EMPTY -> rateMlPerDay == null ? Optional.empty() : Optional.of(new LatestFlow(rateMlPerDay, true));
            case NO_FLOW -> Optional.of(LatestFlow.NOMINAL);
            case NOT_MEASURED -> Optional.empty();
        };
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
