package org.haipump.appointments;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

public record RescheduleRequest(
        @NotNull Instant startsAt,
        /** Why it moves; required when the new start is urgent (at or after the end of the reserve). */
        @Size(max = 500) String reason) {
}
