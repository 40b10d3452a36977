package org.haipump.partners;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The agency that refills a patient at home, from {@code assignedAt} until {@code endedAt} (null while current). */
@Entity
@Table(name = "patient_partner_assignment")
public class PartnerAssignmentEntity {

    @Id
    public UUID id;

    @Column(name = "patient_id", nullable = false)
    public UUID patientId;

    @Column(name = "partner_id", nullable = false)
    public UUID partnerId;

    @Column(name = "assigned_at", nullable = false)
    public Instant assignedAt;

    @Column(name = "assigned_by", nullable = false)
    public String assignedBy;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "ended_by")
    public String endedBy;

    public boolean isCurrent() {
        return endedAt == null;
    }
}
