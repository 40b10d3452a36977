package org.haipump.pumps;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.haipump.cycle.Drug;
import org.haipump.cycle.TherapyMode;

@Entity
@Table(name = "pump")
public class PumpEntity {

    @Id
    public UUID id;

    @Column(name = "patient_id", nullable = false)
    public UUID patientId;

    @Column(nullable = false)
    public String model;

    @Column(name = "serial_number", nullable = false)
    public String serialNumber;

    @Column(name = "reservoir_volume_ml", nullable = false)
    public BigDecimal reservoirVolumeMl;

    @Column(name = "nominal_flow_rate_ml_per_day", nullable = false)
    public BigDecimal nominalFlowRateMlPerDay;

    @Column(name = "implanted_on", nullable = false)
    public LocalDate implantedOn;

    @Enumerated(EnumType.STRING)
    @Column(name = "therapy_mode", nullable = false)
    public TherapyMode therapyMode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PumpStatus status;

    @Column(name = "removed_on")
    public LocalDate removedOn;

    @Enumerated(EnumType.STRING)
    @Column(name = "removal_reason")
    public RemovalReason removalReason;

    @Column(name = "removal_note")
    public String removalNote;

    /** The cycle state below is derived from the fills and holds; {@link PumpCycles} rewrites it. */
    @Column(name = "last_fill_id")
    public UUID lastFillId;

    @Column(name = "next_due_at")
    public Instant nextDueAt;

    @Column(name = "reserve_ends_at")
    public Instant reserveEndsAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "next_drug")
    public Drug nextDrug;

    @Column(name = "latest_measured_flow_ml_per_day")
    public BigDecimal latestMeasuredFlowMlPerDay;

    /** The latest measured rate came from a pump found empty: it ran at least that fast. */
    @Column(name = "latest_flow_lower_bound", nullable = false)
    public boolean latestFlowIsLowerBound;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Version
    public long version;

    public boolean isActive() {
        return status == PumpStatus.ACTIVE;
    }
}
