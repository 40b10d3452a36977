package org.haipump.cycle;

import java.time.Instant;

/**
 * What the rules concluded of an accepted fill.
 *
 * @param expectedDrug   null for a pump's first fill, which has no expectation
 * @param flow           what the residual volume says about the pump's flow; never null
 * @param reserveEndedAt the end of the reserve of the cycle the fill closes, when the fill came at or
 *                       after it (the pump may have run dry); null when it came before, and for a
 *                       pump's first recorded fill, which counts from the assumed implant fill
 */
public record AcceptedFill(Drug expectedDrug, boolean deviation, FlowMeasurement flow, Instant reserveEndedAt) {

    public AcceptedFill {
        java.util.Objects.requireNonNull(flow, "flow");
    }

    /** Filled at or after the end of the reserve: the catheter's patency needs a review. */
    public boolean filledAfterReserve() {
        return reserveEndedAt != null;
    }
}
