package org.haipump.cycle;

import java.time.Instant;
import java.time.LocalDate;

/** The refill a glycerol hold turns into a glycerol fill, and the local date until which it lasts. */
public record PlannedGlycerolFill(Instant refillDueAt, LocalDate coversUntil) {
}
