package org.haipump.worklist;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.haipump.cycle.RefillStatus;
import org.haipump.platform.web.Listing;

/**
 * Active pumps due before {@code dueBefore}, most urgent first, with how many are in each status as
 * of {@code countsAsOf} (a few seconds ago at most; {@code total} is their sum). {@code nextCursor},
 * while there is more, asks for the next page ({@code ?after=}).
 */
public record WorklistResponse(
        Instant dueBefore,
        List<WorklistItem> items,
        Map<RefillStatus, Long> counts,
        Instant countsAsOf,
        int page,
        int size,
        long total,
        String nextCursor) implements Listing<WorklistItem> {
}
