package org.haipump.fills;

import java.util.UUID;

/**
 * The answer to recording a fill: a new fill, or the replay of the first answer to the same
 * {@code Idempotency-Key} (its body kept as the JSON text first sent).
 */
public record FillOutcome(UUID pumpId, UUID fillId, Object body, boolean replayed) {
}
