package org.haipump.fills;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.haipump.cycle.Drug;

public record RecordFillRequest(
        @NotNull Instant performedAt,
        @NotNull Drug drug,
        @NotNull @Positive @Digits(integer = 3, fraction = 2) BigDecimal volumeMl,
        /** What was withdrawn before filling; enables the flow measurement. */
        @PositiveOrZero @Digits(integer = 3, fraction = 2) BigDecimal residualVolumeMl,
        /** Required when {@code drug} is not the expected one. */
        @Size(max = 500) String deviationReason,
        UUID appointmentId,
        @Size(max = 2000) String notes) {

    /** The same request with {@code performedAt} cut to the microseconds PostgreSQL stores. */
    RecordFillRequest atStoredPrecision() {
        return new RecordFillRequest(performedAt.truncatedTo(ChronoUnit.MICROS), drug, volumeMl, residualVolumeMl,
                deviationReason, appointmentId, notes);
    }
}
