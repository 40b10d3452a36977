package org.haipump.pumps;

import jakarta.validation.constraints.NotNull;
import org.haipump.cycle.TherapyMode;

public record TherapyModeRequest(@NotNull TherapyMode mode) {
}
