package org.haipump.appointments;

import org.haipump.cycle.RefillLocation;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.haipump.cycle.Drug;

public record BookAppointmentRequest(
        @NotNull UUID pumpId,
        @NotNull Instant startsAt,
        @NotNull RefillLocation location,
        /** Care site or address label; no free-text PHI. */
        @Size(max = 200) String site,
        /**
         * The expected drug of the refill when absent, and then it follows the plan while the
         * appointment is open; another drug than the expected one needs a reason.
         */
        Drug plannedDrug,
        /** Why: for an urgent visit past the reserve, or a planned drug other than the expected one. */
        @Size(max = 500) String reason) {
}
