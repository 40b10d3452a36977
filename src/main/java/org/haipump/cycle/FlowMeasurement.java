package org.haipump.cycle;

import java.time.Duration;

/**
 * The flow rate measured at a fill: what the previous fill put in, less what was withdrawn, over
 * the elapsed (fractional) days.
 */
public record FlowMeasurement(double rateMlPerDay, double deviationPercent, boolean outOfTolerance) {

    private static final double SECONDS_PER_DAY = 86_400.0;
    /** Below a day between two fills the withdrawn volume says nothing about the flow rate. */
    static final Duration MINIMUM_ELAPSED = Duration.ofDays(1);

    /**
     * Null when nothing can be measured: no residual given, no previous fill, a previous glycerol
     * fill (glycerol slows the pump by an amount nobody measures), or less than a day between the two.
     */
    public static FlowMeasurement of(FillFact previous, ProposedFill fill, double nominalMlPerDay, CyclePolicy policy) {
        if (previous == null || fill.residualVolumeMl() == null || previous.drug() == Drug.GLYCEROL) {
            return null;
        }
        Duration elapsed = Duration.between(previous.performedAt(), fill.performedAt());
        if (elapsed.compareTo(MINIMUM_ELAPSED) < 0 || nominalMlPerDay <= 0) {
            return null;
        }
        double elapsedDays = elapsed.toSeconds() / SECONDS_PER_DAY;
        double rate = (previous.volumeMl() - fill.residualVolumeMl()) / elapsedDays;
        // Judge the deviation as reported (one decimal): floating-point noise must not flag a
        // deviation that reads exactly as the tolerance.
        double deviation = round((rate - nominalMlPerDay) / nominalMlPerDay * 100.0, 1);
        return new FlowMeasurement(round(rate, 3), deviation, Math.abs(deviation) > policy.flowTolerancePercent());
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
