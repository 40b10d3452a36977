package org.haipump.pumps;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * Dates local to the patient's time zone.
 *
 * @param reason why chemotherapy is held (the liver tests that rose), as the care team records it
 */
public record ChemotherapyHoldRequest(
        @NotNull LocalDate startsOn,
        @NotNull LocalDate reviewOn,
        @NotBlank @Size(max = 500) String reason) {
}
