package org.haipump.appointments;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One move of an appointment. Never changed once written. */
@Entity
@Table(name = "appointment_reschedule")
public class AppointmentRescheduleEntity {

    @Id
    public UUID id;

    @Column(name = "appointment_id", nullable = false)
    public UUID appointmentId;

    @Column(name = "previous_starts_at", nullable = false)
    public Instant previousStartsAt;

    @Column(name = "new_starts_at", nullable = false)
    public Instant newStartsAt;

    public String reason;

    @Column(name = "rescheduled_by", nullable = false)
    public String rescheduledBy;

    @Column(name = "rescheduled_at", nullable = false)
    public Instant rescheduledAt;
}
