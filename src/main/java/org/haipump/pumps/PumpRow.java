package org.haipump.pumps;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.haipump.cycle.TherapyMode;

/** A pump's row as the rules and the views read it: from a managed entity, or straight from a query. */
record PumpRow(
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
        UUID lastFillId,
        BigDecimal latestMeasuredFlowMlPerDay,
        boolean latestFlowIsLowerBound,
        Instant createdAt,
        long version) {

    static PumpRow of(PumpEntity pump) {
        return new PumpRow(pump.id, pump.patientId, pump.model, pump.serialNumber, pump.reservoirVolumeMl,
                pump.nominalFlowRateMlPerDay, pump.implantedOn, pump.therapyMode, pump.status, pump.removedOn,
                pump.removalReason, pump.removalNote, pump.lastFillId, pump.latestMeasuredFlowMlPerDay,
                pump.latestFlowIsLowerBound, pump.createdAt, pump.version);
    }

    boolean isActive() {
        return status == PumpStatus.ACTIVE;
    }
}
