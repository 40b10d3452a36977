package org.haipump.pumps;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.haipump.cycle.Drug;
import org.haipump.cycle.FillFact;
import org.haipump.cycle.RefillLocation;

/** One access of the pump: what was withdrawn and what was filled. Never changed once written. */
@Entity
@Table(name = "fill")
public class FillEntity {

    @Id
    public UUID id;

    @Column(name = "pump_id", nullable = false)
    public UUID pumpId;

    @Column(name = "performed_at", nullable = false)
    public Instant performedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Drug drug;

    @Column(name = "volume_ml", nullable = false)
    public BigDecimal volumeMl;

    @Column(name = "residual_volume_ml")
    public BigDecimal residualVolumeMl;

    @Enumerated(EnumType.STRING)
    @Column(name = "expected_drug")
    public Drug expectedDrug;

    @Column(nullable = false)
    public boolean deviation;

    @Column(name = "deviation_reason")
    public String deviationReason;

    @Column(name = "appointment_id")
    public UUID appointmentId;

    public String notes;

    @Column(name = "measured_flow_rate_ml_per_day")
    public BigDecimal measuredFlowRateMlPerDay;

    @Column(name = "flow_deviation_percent")
    public BigDecimal flowDeviationPercent;

    /** The pump was found empty: it ran at least {@link #measuredFlowRateMlPerDay}. */
    @Column(name = "measured_flow_lower_bound", nullable = false)
    public boolean measuredFlowIsLowerBound;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    /** Where the fill was done: at home when a partner recorded it or it completed a home visit. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RefillLocation location = RefillLocation.CLINIC;

    /** The agency whose nurse did the fill at home, and that nurse's name or id. */
    @Column(name = "partner_id")
    public UUID partnerId;

    @Column(name = "performed_by")
    public String performedBy;

    public FillFact toFact() {
        return new FillFact(performedAt, drug, volumeMl.doubleValue());
    }
}
