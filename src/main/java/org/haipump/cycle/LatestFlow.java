package org.haipump.cycle;

/**
 * The flow rate a pump keeps for its predictions after a fill ({@link RefillCycle#predictionRate}).
 *
 * @param rateMlPerDay null: predict at the nominal rate
 * @param lowerBound   the pump ran at least this fast (it was found empty): predict at no less than nominal
 */
public record LatestFlow(Double rateMlPerDay, boolean lowerBound) {

    /** Predictions go back to the nominal rate. */
    public static final LatestFlow NOMINAL = new LatestFlow(null, false);
}
