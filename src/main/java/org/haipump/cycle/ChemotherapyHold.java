package org.haipump.cycle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Chemotherapy held because liver tests rose: the pump gets heparin wherever chemotherapy would
 * come, on every local day from {@code startsOn} until the hold ends. {@code endsOn} is the first
 * day chemotherapy may be given again (exclusive), null while the hold lasts. The hold asks for a
 * review from the start of {@code reviewOn}. Dates are local to the patient.
 */
public record ChemotherapyHold(LocalDate startsOn, LocalDate reviewOn, LocalDate endsOn) {

    public ChemotherapyHold {
        Objects.requireNonNull(startsOn, "startsOn");
        Objects.requireNonNull(reviewOn, "reviewOn");
        if (reviewOn.isBefore(startsOn)) {
            throw new IllegalArgumentException("reviewOn must not be before startsOn");
        }
        if (endsOn != null && endsOn.isBefore(startsOn)) {
            throw new IllegalArgumentException("endsOn must not be before startsOn");
        }
    }

    /** A hold that has not been ended. */
    public static ChemotherapyHold lasting(LocalDate startsOn, LocalDate reviewOn) {
        return new ChemotherapyHold(startsOn, reviewOn, null);
    }

    public boolean ended() {
        return endsOn != null;
    }

    /** Whether chemotherapy is held on this local day. */
    public boolean inEffectOn(LocalDate day) {
        return !day.isBefore(startsOn) && (endsOn == null || day.isBefore(endsOn));
    }

    /**
     * When the review falls due: the start of {@code reviewOn} in the patient's zone (its first
     * instant, also when midnight happens twice or not at all). {@link RefillSql#reviewIsDue} repeats it.
     */
    public Instant reviewDueAt(ZoneId zone) {
        return reviewOn.atStartOfDay(zone).toInstant();
    }

    /** Whether the hold, still lasting at {@code now}, is due for its review. */
    public boolean reviewIsDue(Instant now, ZoneId zone) {
        return !ended() && !now.isBefore(reviewDueAt(zone));
    }

    /** The same hold ended: chemotherapy may be given again from {@code day}. */
    public ChemotherapyHold endingOn(LocalDate day) {
        return new ChemotherapyHold(startsOn, reviewOn, day);
    }
}
