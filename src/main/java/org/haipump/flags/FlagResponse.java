package org.haipump.flags;

import java.time.Instant;
import java.util.UUID;
import org.haipump.audit.PatientRecord;

/**
 * {@code fillId}: the fill that started the late cycle, or that measured the flow deviation;
 * {@code chemotherapyHoldId}: the hold a review flag is about.
 */
public record FlagResponse(
        UUID id,
        UUID pumpId,
        UUID patientId,
        FlagKind kind,
        FlagLevel level,
        FlagStatus status,
        UUID fillId,
        String detail,
        Instant raisedAt,
        Instant escalatedAt,
        Instant dueAt,
        Instant reserveEndsAt,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Instant resolvedAt,
        String resolution,
        UUID chemotherapyHoldId) implements PatientRecord {

    public static FlagResponse of(FlagEntity f) {
        return new FlagResponse(f.id, f.pumpId, f.patientId, f.kind, f.level, f.status, f.cycleFillId, f.detail,
                f.raisedAt, f.escalatedAt, f.dueAt, f.reserveEndsAt, f.acknowledgedAt, f.acknowledgedBy,
                f.resolvedAt, f.resolution, f.chemotherapyHoldId);
    }
}
