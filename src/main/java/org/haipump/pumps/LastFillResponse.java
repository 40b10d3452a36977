package org.haipump.pumps;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.haipump.cycle.Drug;

public record LastFillResponse(UUID id, Instant performedAt, Drug drug, BigDecimal volumeMl) {

    static LastFillResponse of(FillEntity fill) {
        return fill == null ? null : new LastFillResponse(fill.id, fill.performedAt, fill.drug, fill.volumeMl);
    }
}
