package org.haipump.partners;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A home-infusion agency. Its tokens carry its id in the {@code partner_id} claim. */
@Entity
@Table(name = "partner")
public class PartnerEntity {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(name = "contact_email", nullable = false)
    public String contactEmail;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}
