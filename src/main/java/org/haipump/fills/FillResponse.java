package org.haipump.fills;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.haipump.cycle.Drug;
import org.haipump.cycle.RefillLocation;
import org.haipump.pumps.FillEntity;
import org.haipump.pumps.NextRefillResponse;

/**
 * A recorded fill. {@code measuredFlowIsLowerBound}: the pump was found empty, so it ran at least the
 * measured rate. {@code nextRefill} is the pump's next refill right after this fill was recorded; it
 * is present only in the answer to recording it.
 * {@code location} is HOME for a fill by a partner's nurse ({@code partnerId}, {@code performedBy}) or one
 * that completed a home visit.
 */
public record FillResponse(
        UUID id,
        UUID pumpId,
        Instant performedAt,
        Drug drug,
        BigDecimal volumeMl,
        BigDecimal residualVolumeMl,
        Drug expectedDrug,
        boolean deviation,
        String deviationReason,
        UUID appointmentId,
        String notes,
        BigDecimal measuredFlowRateMlPerDay,
        BigDecimal flowDeviationPercent,
        boolean measuredFlowIsLowerBound,
        String recordedBy,
        Instant recordedAt,
        RefillLocation location,
        UUID partnerId,
        String performedBy,
        NextRefillResponse nextRefill) {

    static FillResponse of(FillEntity f, NextRefillResponse nextRefill) {
        return new FillResponse(f.id, f.pumpId, f.performedAt, f.drug, f.volumeMl, f.residualVolumeMl,
                f.expectedDrug, f.deviation, f.deviationReason, f.appointmentId, f.notes,
                f.measuredFlowRateMlPerDay, f.flowDeviationPercent, f.measuredFlowIsLowerBound, f.recordedBy, f.recordedAt,
                f.location, f.partnerId, f.performedBy, nextRefill);
    }
}
