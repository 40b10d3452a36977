package org.haipump.worklist;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.haipump.cycle.RefillStatus;
import org.haipump.platform.web.Listing;

/** Active pumps due before {@code dueBefore}, most urgent first, with how many are in each status. */
public record WorklistResponse(
        Instant dueBefore,
        List<WorklistItem> items,
        Map<RefillStatus, Long> counts,
        int page,
        int size,
        long total) implements Listing<WorklistItem> {
}
