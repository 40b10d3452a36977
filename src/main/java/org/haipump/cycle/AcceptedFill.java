package org.haipump.cycle;

/**
 * What the rules concluded of an accepted fill.
 *
 * @param expectedDrug              null for a pump's first fill, which has no expectation
 * @param measuredFlowRateMlPerDay  null when no residual was given or the previous fill was glycerol
 * @param flowDeviationPercent      signed deviation of the measured rate from the nominal one
 * @param flowOutOfTolerance        the deviation exceeds the tolerance: a flag must be raised
 */
public record AcceptedFill(
        Drug expectedDrug,
        boolean deviation,
        Double measuredFlowRateMlPerDay,
        Double flowDeviationPercent,
        boolean flowOutOfTolerance) {
}
