package org.haipump.flags;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What the review of a review task found, in the nurse's words. */
public record FlagResolutionRequest(@NotBlank @Size(max = 2000) String note) {
}
