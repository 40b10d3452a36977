package org.haipump.patients;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

@Entity
@Table(name = "patient")
public class PatientEntity {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String mrn;

    @Column(name = "given_name", nullable = false)
    public String givenName;

    @Column(name = "family_name", nullable = false)
    public String familyName;

    @Column(name = "birth_date", nullable = false)
    public LocalDate birthDate;

    /** IANA zone in which the patient's due dates are shown. */
    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Version
    public long version;

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }
}
