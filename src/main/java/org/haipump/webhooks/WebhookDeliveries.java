package org.haipump.webhooks;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The delivery rows the dispatcher claims and settles, each step in a short transaction of its own. */
@ApplicationScoped
class WebhookDeliveries {

    /** One delivery to send now: where, which event with its body, and which attempt this is. */
    record Claimed(UUID endpointId, long eventSeq, int attempt, String url, String eventId, String type,
                   Instant occurredAt, String data) {
    }

    /**
     * Each endpoint's oldest undelivered event, when it is due and nobody holds it, the longest due
     * first, as many as the node has free slots for. Skipping locked rows lets two nodes claim at
     * once without waiting for or doubling each other; the claim then keeps the event away from
     * other nodes while it is being sent.
     */
    private static final String CLAIM = """
            with heads as (
                select distinct on (endpoint_id) endpoint_id, event_seq from webhook_delivery
                where status = 'PENDING' order by endpoint_id, event_seq
            ), due as (
                select d.endpoint_id, d.event_seq from webhook_delivery d
                join heads h on h.endpoint_id = d.endpoint_id and h.event_seq = d.event_seq
                where d.next_attempt_at <= :now and (d.claimed_until is null or d.claimed_until <= :now)
                order by d.next_attempt_at
                limit :limit
                for update of d skip locked
            )
            update webhook_delivery d
            set claimed_until = :claimedUntil, claimed_by = :node, attempts = d.attempts + 1, last_attempt_at = :now
            from due, webhook_endpoint e, outbox_event o
            where d.endpoint_id = due.endpoint_id and d.event_seq = due.event_seq
              and e.id = d.endpoint_id and e.url is not null and e.removed_at is null and o.seq = d.event_seq
            returning d.endpoint_id, d.event_seq, d.attempts, e.url, o.id, o.type, o.occurred_at, cast(o.data as text)
            """;

    private final EntityManager em;

    WebhookDeliveries(EntityManager em) {
        this.em = em;
    }

    @SuppressWarnings("unchecked")
    List<Claimed> claim(Instant now, Duration hold, String node, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> ((List<Object[]>) em.createNativeQuery(CLAIM)
                .setParameter("now", now).setParameter("claimedUntil", now.plus(hold)).setParameter("node", node)
                .setParameter("limit", limit).getResultList())
                .stream()
                .map(r -> new Claimed((UUID) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).intValue(),
                        (String) r[3], (String) r[4], (String) r[5], (Instant) r[6], (String) r[7]))
                .toList());
    }

    /** The secrets that sign at {@code now}, newest first. */
    @SuppressWarnings("unchecked")
    List<String> signingSecrets(UUID endpointId, Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> (List<String>) em.createNativeQuery("""
                        select secret from webhook_secret
                        where endpoint_id = :endpoint and (expires_at is null or expires_at > :now)
                        order by created_at desc, id""", String.class)
                .setParameter("endpoint", endpointId).setParameter("now", now).getResultList());
    }

    void delivered(Claimed delivery, int statusCode, Instant at) {
        settle(delivery, """
                status = 'DELIVERED', delivered_at = :at, last_status_code = :code, last_error = null,
                next_attempt_at = :at""", statusCode, null, at);
    }

    /** A failed attempt: tried again at {@code nextAttempt}, or dead-lettered when there is none. */
    void failed(Claimed delivery, Integer statusCode, String error, Instant nextAttempt, Instant at) {
        settle(delivery, nextAttempt == null
                        ? "status = 'DEAD', last_status_code = nullif(:code, -1), last_error = :error, next_attempt_at = :at"
                        : "last_status_code = nullif(:code, -1), last_error = :error, next_attempt_at = :at",
                statusCode == null ? -1 : statusCode, error, nextAttempt == null ? at : nextAttempt);
    }

    private void settle(Claimed delivery, String changes, int statusCode, String error, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> {
            var update = em.createNativeQuery("update webhook_delivery set claimed_until = null, claimed_by = null, " + changes
                            + " where endpoint_id = :endpoint and event_seq = :seq and status = 'PENDING'")
                    .setParameter("endpoint", delivery.endpointId())
                    .setParameter("seq", delivery.eventSeq())
                    .setParameter("code", statusCode)
                    .setParameter("at", at);
            if (error != null) {
                update.setParameter("error", error);
            }
            update.executeUpdate();
        });
    }
}
