package org.haipump.pumps;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.haipump.cycle.DeadlineBasis;
import org.haipump.cycle.Drug;
import org.haipump.cycle.ProjectedRefill;

public record ProjectedRefillResponse(Instant dueAt, Instant reserveEndsAt, Drug drug, DeadlineBasis basis,
                                      LocalDate dueOn) {

    static ProjectedRefillResponse of(ProjectedRefill refill, ZoneId zone) {
        return new ProjectedRefillResponse(refill.dueAt(), refill.reserveEndsAt(), refill.drug(), refill.basis(),
                refill.dueAt().atZone(zone).toLocalDate());
    }
}
