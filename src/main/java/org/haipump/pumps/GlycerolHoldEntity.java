package org.haipump.pumps;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.haipump.cycle.GlycerolHold;

/** A planned absence that turns the last refill before departure into a glycerol fill. */
@Entity
@Table(name = "glycerol_hold")
public class GlycerolHoldEntity {

    @Id
    public UUID id;

    @Column(name = "pump_id", nullable = false)
    public UUID pumpId;

    @Column(name = "depart_on", nullable = false)
    public LocalDate departOn;

    @Column(name = "return_on", nullable = false)
    public LocalDate returnOn;

    /** The refill planned as glycerol, when the hold was made. */
    @Column(name = "planned_refill_due_at", nullable = false)
    public Instant plannedRefillDueAt;

    @Column(name = "covers_until", nullable = false)
    public LocalDate coversUntil;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public GlycerolHoldStatus status;

    /** The glycerol fill the hold asked for, once recorded: no rest drug of the pump's own. */
    @Column(name = "glycerol_fill_id")
    public UUID glycerolFillId;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    @Column(name = "cancelled_by")
    public String cancelledBy;

    @Column(name = "cancellation_reason")
    public String cancellationReason;

    public GlycerolHold toHold() {
        return new GlycerolHold(departOn, returnOn);
    }
}
