package org.haipump.pumps;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.haipump.cycle.ChemotherapyHold;

/** Chemotherapy held because liver tests rose: the pump gets heparin instead until the hold ends. */
@Entity
@Table(name = "chemotherapy_hold")
public class ChemotherapyHoldEntity {

    @Id
    public UUID id;

    @Column(name = "pump_id", nullable = false)
    public UUID pumpId;

    @Column(name = "starts_on", nullable = false)
    public LocalDate startsOn;

    @Column(name = "review_on", nullable = false)
    public LocalDate reviewOn;

    @Column(nullable = false)
    public String reason;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The first day chemotherapy may be given again; null while the hold lasts. */
    @Column(name = "ends_on")
    public LocalDate endsOn;

    @Column(name = "end_note")
    public String endNote;

    @Column(name = "ended_by")
    public String endedBy;

    @Column(name = "ended_at")
    public Instant endedAt;

    public ChemotherapyHold toHold() {
        return new ChemotherapyHold(startsOn, reviewOn, endsOn);
    }
}
