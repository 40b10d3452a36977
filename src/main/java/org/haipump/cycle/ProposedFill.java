package org.haipump.cycle;

import java.time.Instant;

/** A fill a nurse reports, before the rules have accepted it. */
public record ProposedFill(
        Instant performedAt,
        Drug drug,
        double volumeMl,
        Double residualVolumeMl,
        String deviationReason) {

    /** A volume is positive and a residual not negative: the request's validation (400) ensures it. */
    public ProposedFill {
        if (!(volumeMl > 0)) {
            throw new IllegalArgumentException("volumeMl must be positive");
        }
        if (residualVolumeMl != null && !(residualVolumeMl >= 0)) {
            throw new IllegalArgumentException("residualVolumeMl must not be negative");
        }
    }
}
