package org.haipump.pumps;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** @param reason why the absence is no longer planned (the trip was called off ...) */
public record GlycerolHoldCancellationRequest(@NotBlank @Size(max = 500) String reason) {
}
