package org.haipump.pumps;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

public record RemovalRequest(
        @NotNull LocalDate removedOn,
        @NotNull RemovalReason reason,
        @Size(max = 2000) String note) {
}
