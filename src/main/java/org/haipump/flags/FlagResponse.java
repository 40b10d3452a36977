package org.haipump.flags;

import java.time.Instant;
import java.util.UUID;
import org.haipump.audit.PatientRecord;

/**
 * {@code fillId}: the fill that started the late cycle, or the one whose finding raised the flag (null
 * for the overdue flag of a pump never filled). {@code direction}: only for a {@code FLOW_DEVIATION}.
 * {@code resolvedBy}, {@code resolutionNote}: only for a review task a nurse resolved.
 * {@code chemotherapyHoldId}: the hold a review flag is about.
 */
public record FlagResponse(
        UUID id,
        UUID pumpId,
        UUID patientId,
        FlagKind kind,
        FlagLevel level,
        FlowDirection direction,
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
        String resolvedBy,
        String resolutionNote,
        UUID chemotherapyHoldId) implements PatientRecord {

    public static FlagResponse of(FlagEntity f) {
        return new FlagResponse(f.id, f.pumpId, f.patientId, f.kind, f.level, f.direction, f.status, f.cycleFillId,
                f.detail, f.raisedAt, f.escalatedAt, f.dueAt, f.reserveEndsAt, f.acknowledgedAt, f.acknowledgedBy,
                f.resolvedAt, f.resolution, f.resolvedBy, f.resolutionNote, f.chemotherapyHoldId);
    }
}
