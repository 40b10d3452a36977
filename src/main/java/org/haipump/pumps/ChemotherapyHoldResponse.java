package org.haipump.pumps;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * @param endsOn the first day chemotherapy may be given again; null while the hold lasts
 */
public record ChemotherapyHoldResponse(
        UUID id,
        UUID pumpId,
        LocalDate startsOn,
        LocalDate reviewOn,
        String reason,
        ChemotherapyHoldStatus status,
        String createdBy,
        Instant createdAt,
        LocalDate endsOn,
        String endNote,
        String endedBy,
        Instant endedAt) {

    static ChemotherapyHoldResponse of(ChemotherapyHoldEntity h) {
        return new ChemotherapyHoldResponse(h.id, h.pumpId, h.startsOn, h.reviewOn, h.reason,
                h.endsOn == null ? ChemotherapyHoldStatus.ACTIVE : ChemotherapyHoldStatus.ENDED, h.createdBy,
                h.createdAt, h.endsOn, h.endNote, h.endedBy, h.endedAt);
    }
}
