package org.haipump.pumps;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * @param plannedRefillDueAt the refill that becomes the glycerol fill
 * @param coversUntil        the local date on which the refill after the glycerol fill falls due
 * @param glycerolFillId     the glycerol fill the hold asked for, once recorded (status FILLED)
 */
public record GlycerolHoldResponse(
        UUID id,
        UUID pumpId,
        LocalDate departOn,
        LocalDate returnOn,
        Instant plannedRefillDueAt,
        LocalDate coversUntil,
        String createdBy,
        Instant createdAt,
        GlycerolHoldStatus status,
        UUID glycerolFillId,
        Instant cancelledAt,
        String cancelledBy,
        String cancellationReason) {

    static GlycerolHoldResponse of(GlycerolHoldEntity h) {
        return new GlycerolHoldResponse(h.id, h.pumpId, h.departOn, h.returnOn, h.plannedRefillDueAt,
                h.coversUntil, h.createdBy, h.createdAt, h.status, h.glycerolFillId, h.cancelledAt, h.cancelledBy,
                h.cancellationReason);
    }
}
