package org.haipump.appointments;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * The start the partner can make instead. It must fall inside the refill's window, or, once the
 * refill is past due, inside the urgent horizon with a {@code reason}, as a booking would.
 */
public record ProposalRequest(@NotNull Instant startsAt, @Size(max = 500) String reason) {
}
