package org.haipump.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Appends events to the transactional outbox, with their webhook deliveries, in the transaction of
 * the change that caused them: a committed change keeps its events, a rolled-back one leaves none.
 *
 * <p>A transaction's events are kept until it commits, then written in one statement under one
 * transaction-scoped advisory lock, so that the feed's order ({@code seq}) is commit order: a
 * reader who paged up to a seq never finds a row below it committed later. Taking the lock last,
 * after the change has locked all it needs, keeps it out of any deadlock with row locks; the cost
 * is that the commits of event-writing transactions follow one another. One statement however
 * many events: an overdue scan that flags thousands of pumps writes their events in one round trip.
 * Once a transaction that queued deliveries has committed, the dispatcher is woken to send them.
 */
@ApplicationScoped
public class Outbox {

    /** The advisory lock key of the outbox ("outbox" in ASCII). */
    private static final long LOCK = 0x6f7574626f78L;

    /**
     * The events, in the order they occurred in the transaction, each for the partner named or
     * else the patient's partner now; and their deliveries: to that partner's endpoint if it has a
     * URL, and to each clinic-wide endpoint of the event's type.
     */
    private static final String APPEND = """
            with event as (
                insert into outbox_event (id, type, occurred_at, patient_id, partner_id, data)
                select e.id, e.type, cast(e.occurred_at as timestamptz), cast(e.patient_id as uuid),
                       coalesce(cast(e.partner_id as uuid), a.partner_id), cast(e.data as jsonb)
                from unnest(?, ?, ?, ?, ?, ?) with ordinality as e(id, type, occurred_at, patient_id, partner_id, data, n)
                left join patient_partner_assignment a
                       on a.patient_id = cast(e.patient_id as uuid) and a.ended_at is null
                order by e.n
                returning seq, type, partner_id, occurred_at
            )
            insert into webhook_delivery (endpoint_id, event_seq, status, next_attempt_at)
            select w.id, event.seq, 'PENDING', event.occurred_at from event
            join webhook_endpoint w on w.url is not null and w.removed_at is null
                 and (w.partner_id = event.partner_id or (w.partner_id is null and event.type = any (w.event_types)))""";

    /** One event waiting for its transaction to commit. */
    private record Pending(EventType type, Instant occurredAt, UUID patientId, UUID partnerId, String data) {
    }

    private final AgroalDataSource dataSource;
    private final TransactionManager transactions;
    private final TransactionSynchronizationRegistry registry;
    private final ObjectMapper json;
    private final WebhookDispatcher dispatcher;

    Outbox(AgroalDataSource dataSource, TransactionManager transactions, TransactionSynchronizationRegistry registry,
           ObjectMapper json, WebhookDispatcher dispatcher) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.registry = registry;
        this.json = json;
        this.dispatcher = dispatcher;
    }

    /**
     * One event about a patient, for the partner that refills the patient at home when the
     * transaction commits, or for {@code partnerId} when given (a partner that just lost or gained
     * the patient). Must be called inside the changing transaction.
     */
    void append(EventType type, Instant occurredAt, UUID patientId, UUID partnerId, Map<String, Object> data) {
        pendingOfThisTransaction().add(new Pending(type, occurredAt, patientId, partnerId, serialised(data)));
    }

    @SuppressWarnings("unchecked")
    private List<Pending> pendingOfThisTransaction() {
        List<Pending> pending = (List<Pending>) registry.getResource(Outbox.class);
        if (pending != null) {
            return pending;
        }
        List<Pending> created = new ArrayList<>();
        try {
            if (transactions.getStatus() != Status.STATUS_ACTIVE) {
                throw new IllegalStateException("An event is written only inside the transaction of its change");
            }
            // A plain synchronization, not an interposed one: it runs before the connection pool's
            // own, while the transaction's connection may still be used.
            transactions.getTransaction().registerSynchronization(new Synchronization() {
                private int deliveries;

                @Override
                public void beforeCompletion() {
                    deliveries = write(created);
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED && deliveries > 0) {
                        dispatcher.wake();
                    }
                }
            });
        } catch (SystemException | RollbackException e) {
            throw new IllegalStateException("The outbox could not join the transaction", e);
        }
        registry.putResource(Outbox.class, created);
        return created;
    }

    /**
     * Plain JDBC on the transaction's own connection: the ORM session has flushed already. Answers
     * how many deliveries were queued.
     */
    private int write(List<Pending> events) {
        if (events.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)");
             PreparedStatement append = connection.prepareStatement(APPEND)) {
            lock.setLong(1, LOCK);
            lock.execute();
            int n = events.size();
            String[][] columns = new String[6][n];
            for (int i = 0; i < n; i++) {
                Pending e = events.get(i);
                columns[0][i] = "evt_" + UUID.randomUUID().toString().replace("-", "");
                columns[1][i] = e.type().wireName();
                columns[2][i] = e.occurredAt().toString();
                columns[3][i] = e.patientId() == null ? null : e.patientId().toString();
                columns[4][i] = e.partnerId() == null ? null : e.partnerId().toString();
                columns[5][i] = e.data();
            }
            for (int c = 0; c < columns.length; c++) {
                append.setArray(c + 1, connection.createArrayOf("text", columns[c]));
            }
            return append.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("The outbox could not take its events (SQLState " + e.getSQLState() + ")", e);
        }
    }

    private String serialised(Map<String, Object> data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event's data could not be serialised", e);
        }
    }
}
