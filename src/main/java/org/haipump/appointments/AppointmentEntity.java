package org.haipump.appointments;

import org.haipump.cycle.RefillLocation;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.haipump.cycle.Drug;

@Entity
@Table(name = "appointment")
public class AppointmentEntity {

    @Id
    public UUID id;

    @Column(name = "pump_id", nullable = false)
    public UUID pumpId;

    @Column(name = "patient_id", nullable = false)
    public UUID patientId;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RefillLocation location;

    public String site;

    @Enumerated(EnumType.STRING)
    @Column(name = "planned_drug", nullable = false)
    public Drug plannedDrug;

    /** The booking named the drug; else it follows the plan while the appointment is open. */
    @Column(name = "planned_drug_explicit", nullable = false)
    public boolean plannedDrugExplicit;

    public String reason;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AppointmentStatus status;

    /** The refill this appointment is for, and the window it was booked inside. */
    @Column(name = "refill_due_at", nullable = false)
    public Instant refillDueAt;

    @Column(name = "window_opens_at", nullable = false)
    public Instant windowOpensAt;

    @Column(name = "window_closes_at", nullable = false)
    public Instant windowClosesAt;

    @Column(name = "booked_by", nullable = false)
    public String bookedBy;

    @Column(name = "booked_at", nullable = false)
    public Instant bookedAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    @Column(name = "cancelled_by")
    public String cancelledBy;

    @Column(name = "cancellation_reason")
    public String cancellationReason;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "fill_id")
    public UUID fillId;

    /** Booked to start at or after the end of the reserve, with a reason. */
    @Column(nullable = false)
    public boolean urgent;

    /** When the overdue scan found it still booked {@code hai.appointments.missed-after} past its start. */
    @Column(name = "missed_at")
    public Instant missedAt;

    /**
     * The partner a home visit is a work order for: the patient's partner when it was booked or
     * when the partner was assigned; null for a clinic visit or a patient without a partner.
     */
    @Column(name = "partner_id")
    public UUID partnerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "work_order_status")
    public WorkOrderStatus workOrderStatus;

    @Column(name = "work_order_updated_at")
    public Instant workOrderUpdatedAt;

    @Column(name = "decline_reason")
    public String declineReason;

    /** The start the partner proposed instead, while the work order is PROPOSED. */
    @Column(name = "proposed_starts_at")
    public Instant proposedStartsAt;

    @Version
    public long version;
}
