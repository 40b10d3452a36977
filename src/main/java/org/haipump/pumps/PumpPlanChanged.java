package org.haipump.pumps;

import java.time.Instant;
import java.util.UUID;
import org.haipump.cycle.PumpCycle;

/**
 * Fired inside a transaction that changed what the pump's refills are planned to take (therapy
 * mode, a chemotherapy or glycerol hold), with the pump's cycle as it now is: open appointments that
 * follow the plan take the new drug.
 */
public record PumpPlanChanged(UUID pumpId, PumpCycle cycle, Instant at) {
}
