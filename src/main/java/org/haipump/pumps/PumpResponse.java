package org.haipump.pumps;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.haipump.cycle.TherapyMode;
import org.haipump.audit.PatientRecord;

/** A pump with its last fill and next refill (null before the first fill and after removal). */
public record PumpResponse(
        UUID id,
        UUID patientId,
        String model,
        String serialNumber,
        BigDecimal reservoirVolumeMl,
        BigDecimal nominalFlowRateMlPerDay,
        LocalDate implantedOn,
        TherapyMode therapyMode,
        PumpStatus status,
        LocalDate removedOn,
        RemovalReason removalReason,
        String removalNote,
        BigDecimal latestMeasuredFlowRateMlPerDay,
        LastFillResponse lastFill,
        NextRefillResponse nextRefill,
        Instant createdAt) implements PatientRecord {
}
