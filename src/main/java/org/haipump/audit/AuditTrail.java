package org.haipump.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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

    private static final String INSERT = """
            insert into audit_event (occurred_at, request_id, actor, roles, partner_id, action, operation,
                                     resource_type, resource_id, patient_ids, outcome, status,
                                     caller_request_id, client_address, token_client, token_id)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final PatientOwners owners;
    private final EntityManager entityManager;
    private final AgroalDataSource dataSource;
    private final Clock clock;

    AuditTrail(PatientOwners owners, EntityManager entityManager, AgroalDataSource dataSource, Clock clock) {
        this.owners = owners;
        this.entityManager = entityManager;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * Inside the transaction of the call it records ({@link AuditRecorder}): one insert on the
     * transaction's own connection (plain JDBC: a record is never read back, so it needs no entity).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void record(AuditEntry entry) {
        Set<UUID> patients = new LinkedHashSet<>(entry.patientIds());
        if (patients.isEmpty() && entry.owner() != null) {
            owners.patientOf(entry.owner()).ifPresent(patients::add);
        }
        if (patients.isEmpty() && entry.patientIdParameter() != null) {
            patients.add(entry.patientIdParameter());
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, clock.instant().atOffset(ZoneOffset.UTC));
            insert.setString(2, entry.requestId());
            insert.setString(3, entry.actor());
            insert.setString(4, entry.roles().isEmpty() ? null : String.join(",", entry.roles()));
            insert.setString(5, entry.partnerId());
            insert.setString(6, entry.action().name());
            insert.setString(7, entry.operation());
            insert.setString(8, entry.resourceType());
            insert.setString(9, entry.resourceId());
            insert.setArray(10, connection.createArrayOf("uuid", patients.toArray()));
            insert.setString(11, AuditOutcome.of(entry.status()).name());
            insert.setShort(12, (short) entry.status());
            insert.setString(13, entry.callerRequestId());
            insert.setString(14, entry.clientAddress());
            insert.setString(15, entry.tokenClient());
            insert.setString(16, entry.tokenId());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("The audit record could not be written (SQLState " + e.getSQLState() + ")", e);
        }
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
