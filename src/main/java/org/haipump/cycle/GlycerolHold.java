package org.haipump.cycle;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** A planned absence (travel) covered by one glycerol fill; dates are local to the patient. */
public record GlycerolHold(LocalDate departOn, LocalDate returnOn) {

    public GlycerolHold {
        Objects.requireNonNull(departOn, "departOn");
        Objects.requireNonNull(returnOn, "returnOn");
        if (!returnOn.isAfter(departOn)) {
            throw new IllegalArgumentException("returnOn must be after departOn");
        }
    }

    public long absenceDays() {
        return ChronoUnit.DAYS.between(departOn, returnOn);
    }
}
