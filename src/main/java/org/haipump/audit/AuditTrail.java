package org.haipump.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.haipump.platform.persistence.Conditions;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.web.ItemsPage;
import org.haipump.platform.web.PageRequest;

/** Appends to and searches the audit trail. */
@ApplicationScoped
public class AuditTrail {

    private final AuditEventRepository events;
    private final PatientOwners owners;
    private final EntityManager entityManager;
    private final Clock clock;

    AuditTrail(AuditEventRepository events, PatientOwners owners, EntityManager entityManager, Clock clock) {
        this.events = events;
        this.owners = owners;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** Inside the transaction of the call it records ({@link AuditRecorder}). */
    @Transactional(Transactional.TxType.MANDATORY)
    void record(AuditEntry entry) {
        Set<UUID> patients = new LinkedHashSet<>(entry.patientIds());
        if (patients.isEmpty() && entry.owner() != null) {
            owners.patientOf(entry.owner()).ifPresent(patients::add);
        }
        if (patients.isEmpty() && entry.patientIdParameter() != null) {
            patients.add(entry.patientIdParameter());
        }
        AuditEventEntity event = new AuditEventEntity();
        event.occurredAt = clock.instant();
        event.requestId = entry.requestId();
        event.actor = entry.actor();
        event.roles = entry.roles().isEmpty() ? null : String.join(",", entry.roles());
        event.partnerId = entry.partnerId();
        event.action = entry.action();
        event.operation = entry.operation();
        event.resourceType = entry.resourceType();
        event.resourceId = entry.resourceId();
        event.patientIds = patients.toArray(UUID[]::new);
        event.outcome = AuditOutcome.of(entry.status());
        event.status = (short) entry.status();
        events.persist(event);
    }

    /** Newest first; {@code from} inclusive, {@code to} exclusive; each filter only when given. */
    @Transactional
    public ItemsPage<AuditEventResponse> search(UUID patientId, Instant from, Instant to, PageRequest page) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.invalid("from", "must be before to");
        }
        Conditions filters = new Conditions()
                // @> with a one-element array is what the GIN index on patient_ids answers.
                .when(patientId, "patient_ids @> array[cast(:patientId as uuid)]", "patientId")
                .when(from, "occurred_at >= :from", "from")
                .when(to, "occurred_at < :to", "to");
        String where = filters.where();
        Query rows = entityManager.createNativeQuery(
                "select * from audit_event" + where + " order by occurred_at desc, id desc", AuditEventEntity.class);
        Query count = entityManager.createNativeQuery("select count(*) from audit_event" + where, Long.class);
        filters.parameters().forEach((name, value) -> {
            rows.setParameter(name, value);
            count.setParameter(name, value);
        });
        @SuppressWarnings("unchecked")
        List<AuditEventEntity> found = rows.setFirstResult(page.offset()).setMaxResults(page.size).getResultList();
        long total = ((Number) count.getSingleResult()).longValue();
        return new ItemsPage<>(found.stream().map(AuditEventResponse::of).toList(), page.page, page.size, total);
    }
}
