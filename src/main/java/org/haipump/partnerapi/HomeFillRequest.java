package org.haipump.partnerapi;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.haipump.cycle.Drug;
import org.haipump.fills.RecordFillRequest;

/** The clinic's fill body ({@link RecordFillRequest}, the same constraints) and the nurse who did it. */
public record HomeFillRequest(
        @NotNull Instant performedAt,
        @NotNull Drug drug,
        @NotNull @Positive @Digits(integer = 3, fraction = 2) BigDecimal volumeMl,
        @PositiveOrZero @Digits(integer = 3, fraction = 2) BigDecimal residualVolumeMl,
        @Size(max = 500) String deviationReason,
        UUID appointmentId,
        @Size(max = 2000) String notes,
        /** The agency's nurse who did the fill: a name or the agency's own staff id. */
        @NotBlank @Size(max = 200) String performedBy) {

    RecordFillRequest fill() {
        return new RecordFillRequest(performedAt, drug, volumeMl, residualVolumeMl, deviationReason, appointmentId,
                notes);
    }
}
