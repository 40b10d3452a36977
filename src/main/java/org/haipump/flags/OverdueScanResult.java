package org.haipump.flags;

import java.util.List;
import java.util.UUID;

/**
 * What one overdue scan did.
 *
 * @param missed      booked appointments it marked missed
 * @param holdReviews review flags it raised for chemotherapy holds that reached their review day
 * @param failedPumps pumps whose flag could not be written; the scan went on without them
 * @param failedSteps steps that failed as a whole (named), after their row-by-row retry
 */
public record OverdueScanResult(int raised, int escalated, int resolved, int missed, int holdReviews,
                                List<UUID> failedPumps,
                                List<String> failedSteps, long millis) {

    public boolean clean() {
        return failedPumps.isEmpty() && failedSteps.isEmpty();
    }
}
