package org.haipump.pumps;

import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/** Dates local to the patient's time zone. */
public record GlycerolHoldRequest(@NotNull LocalDate departOn, @NotNull LocalDate returnOn) {
}
