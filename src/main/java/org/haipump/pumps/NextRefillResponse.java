package org.haipump.pumps;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.haipump.cycle.DeadlineBasis;
import org.haipump.cycle.Drug;
import org.haipump.cycle.NextRefill;
import org.haipump.cycle.RefillStatus;

/**
 * The pump's next refill; {@code dueOn} and {@code reserveEndsOn} are local dates in the patient's zone,
 * {@code basis} says which rule set the due time.
 */
public record NextRefillResponse(
        Instant dueAt,
        Instant reserveEndsAt,
        Drug drug,
        RefillStatus status,
        Instant predictedEmptyAt,
        DeadlineBasis basis,
        LocalDate dueOn,
        LocalDate reserveEndsOn) {

    public static NextRefillResponse of(NextRefill next, ZoneId zone) {
        return new NextRefillResponse(next.dueAt(), next.reserveEndsAt(), next.drug(), next.status(),
                next.predictedEmptyAt(), next.basis(), next.dueAt().atZone(zone).toLocalDate(),
                next.reserveEndsAt().atZone(zone).toLocalDate());
    }
}
