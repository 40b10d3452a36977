package org.haipump.pumps;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.haipump.cycle.TherapyMode;
import org.haipump.platform.validation.OnOrAfter;

public record RegisterPumpRequest(
        @NotNull UUID patientId,
        @NotBlank @Size(max = 100) String model,
        @NotBlank @Size(max = 100) String serialNumber,
        @NotNull @Positive @DecimalMax("500") @Digits(integer = 3, fraction = 2) BigDecimal reservoirVolumeMl,
        @NotNull @Positive @DecimalMax("100") @Digits(integer = 3, fraction = 3) BigDecimal nominalFlowRateMlPerDay,
        /** Not in the future (in the patient's zone), nor before 1900: no patient was born earlier. */
        @NotNull @OnOrAfter("1900-01-01") LocalDate implantedOn,
        /** ACTIVE when absent. */
        TherapyMode therapyMode,
        /**
         * The pump's latest fill before it was registered; without it the pump counts from the
         * heparin fill of its implant day.
         */
        @Valid LastFillRequest lastFill) {
}
