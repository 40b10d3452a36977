package org.haipump.appointments;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why the partner cannot make the visit: the clinic books anew, or refills at the clinic. */
public record DeclineRequest(@NotBlank @Size(max = 500) String reason) {
}
