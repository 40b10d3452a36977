package org.haipump.cycle;

import java.time.Instant;
import java.util.Objects;

/** A fill that happened: what the cycle rules need to know of it. */
public record FillFact(Instant performedAt, Drug drug, double volumeMl) {

    public FillFact {
        Objects.requireNonNull(performedAt, "performedAt");
        Objects.requireNonNull(drug, "drug");
    }
}
