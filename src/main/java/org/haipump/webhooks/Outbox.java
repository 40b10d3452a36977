package org.haipump.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * Appends events to the transactional outbox, with their webhook deliveries, in the transaction of
 * the change that caused them: a committed change keeps its event, a rolled-back one leaves none.
 *
 * <p>Rows are written at commit ({@link OutboxEvents} observes before completion) under one
 * transaction-scoped advisory lock, so that the feed's order ({@code seq}) is commit order: a
 * reader who paged up to a seq never finds a row below it committed later. Taking the lock last,
 * after the change has locked all it needs, keeps it out of any deadlock with row locks; the cost
 * is that the commits of event-writing transactions follow one another.
 */
@ApplicationScoped
public class Outbox {

    /** The advisory lock key of the outbox ("outbox" in ASCII). */
    private static final long LOCK = 0x6f7574626f78L;

    private static final String APPEND = """
            insert into outbox_event (id, type, occurred_at, patient_id, partner_id, data)
            values (?, ?, ?, ?, coalesce(?, (select partner_id from patient_partner_assignment
                                             where patient_id = ? and ended_at is null)), cast(? as jsonb))
            returning seq, partner_id""";

    /** The event's deliveries: to its partner's endpoint, if it has a URL, and to each clinic-wide endpoint of its type. */
    private static final String ENQUEUE = """
            insert into webhook_delivery (endpoint_id, event_seq, status, next_attempt_at)
            select e.id, ?, 'PENDING', ? from webhook_endpoint e
            where e.url is not null and (e.partner_id = ? or (e.partner_id is null and ? = any (e.event_types)))""";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    Outbox(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * One event about a patient, for the partner that refills the patient at home now, or for
     * {@code partnerId} when given (a partner that just lost or gained the patient). Plain JDBC on
     * the transaction's own connection: at commit the ORM session has flushed already, and a lease
     * it took now would stay open past its end.
     */
    void append(EventType type, Instant occurredAt, UUID patientId, UUID partnerId, Map<String, Object> data) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)");
             PreparedStatement append = connection.prepareStatement(APPEND);
             PreparedStatement enqueue = connection.prepareStatement(ENQUEUE)) {
            lock.setLong(1, LOCK);
            lock.execute();
            append.setString(1, "evt_" + UUID.randomUUID().toString().replace("-", ""));
            append.setString(2, type.wireName());
            append.setObject(3, occurredAt.atOffset(ZoneOffset.UTC));
            append.setObject(4, patientId);
            append.setObject(5, partnerId, Types.OTHER);
            append.setObject(6, patientId);
            append.setString(7, write(data));
            try (ResultSet written = append.executeQuery()) {
                written.next();
                enqueue.setLong(1, written.getLong(1));
                enqueue.setObject(2, occurredAt.atOffset(ZoneOffset.UTC));
                enqueue.setObject(3, written.getObject(2), Types.OTHER);
                enqueue.setString(4, type.wireName());
            }
            enqueue.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("The outbox could not take an event (SQLState " + e.getSQLState() + ")", e);
        }
    }

    private String write(Map<String, Object> data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event's data could not be serialised", e);
        }
    }
}
