package org.haipump.pumps;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.time.Instant;
import org.haipump.cycle.Drug;

/** The latest fill of a pump implanted elsewhere, or before the service was used: it becomes its first fill. */
public record LastFillRequest(
        @NotNull Instant performedAt,
        @NotNull Drug drug,
        @NotNull @Positive @Digits(integer = 3, fraction = 2) BigDecimal volumeMl) {
}
