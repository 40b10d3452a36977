package org.haipump.flags;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "flag")
public class FlagEntity {

    /** Resolutions written by the service. */
    public static final String REFILLED = "REFILLED";
    public static final String PUMP_REMOVED = "PUMP_REMOVED";
    public static final String FLOW_IN_TOLERANCE = "FLOW_IN_TOLERANCE";
    public static final String SUPERSEDED = "SUPERSEDED";
    /** A review task was resolved by a nurse ({@link #resolvedBy}, {@link #resolutionNote}). */
    public static final String REVIEWED = "REVIEWED";
    /** A changed refill interval moved the due time back into the future (see DueTimeRealignment). */
    public static final String RESCHEDULED = "RESCHEDULED";
    /** The chemotherapy hold under review ended. */
    public static final String HOLD_ENDED = "HOLD_ENDED";

    @Id
    public UUID id;

    @Column(name = "pump_id", nullable = false)
    public UUID pumpId;

    @Column(name = "patient_id", nullable = false)
    public UUID patientId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public FlagKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public FlagLevel level;

    /** Only for a {@link FlagKind#FLOW_DEVIATION}. */
    @Enumerated(EnumType.STRING)
    public FlowDirection direction;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public FlagStatus status;

    /** The fill whose cycle the flag is about; null for a pump never filled, and for a hold's review. */
    @Column(name = "cycle_fill_id")
    public UUID cycleFillId;

    /** The chemotherapy hold a review flag is about. */
    @Column(name = "chemotherapy_hold_id")
    public UUID chemotherapyHoldId;

    @Column(name = "raised_at", nullable = false)
    public Instant raisedAt;

    @Column(name = "escalated_at")
    public Instant escalatedAt;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "reserve_ends_at")
    public Instant reserveEndsAt;

    public String detail;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    public String resolution;

    /** Who resolved a review task, and what the review found; null when the service resolved the flag. */
    @Column(name = "resolved_by")
    public String resolvedBy;

    @Column(name = "resolution_note")
    public String resolutionNote;

    @Version
    public long version;
}
