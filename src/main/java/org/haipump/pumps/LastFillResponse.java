package org.haipump.pumps;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.haipump.cycle.Drug;

public record LastFillResponse(UUID id, Instant performedAt, Drug drug, BigDecimal volumeMl) {
}
