package org.haipump.cycle;

import java.time.Instant;

/** A fill a nurse reports, before the rules have accepted it. */
public record ProposedFill(
        Instant performedAt,
        Drug drug,
        double volumeMl,
        Double residualVolumeMl,
        String deviationReason) {
}
