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

    /**
     * One delivery to send now: where, which event with its body, which attempt this is, and the
     * secrets that sign it, newest first.
     */
    record Claimed(UUID endpointId, long eventSeq, int attempt, String url, String eventId, String type,
                   Instant occurredAt, String data, List<String> secrets) {
    }

    /**
     * Each endpoint's oldest undelivered event, when it is due and nobody holds it, the longest due
     * first: as many first attempts and as many retries as the node has free slots for each. The oldest is found endpoint by endpoint, one
     * index probe each, and only then looked up by its key (a materialised step, so that the plan
     * cannot turn it around): the cost follows the number of endpoints, not the backlog. Skipping
     * locked rows lets two nodes claim at once without waiting for or doubling each other; the
     * conditions are on the locked row, so a row that another node claimed a moment before is
     * checked again as that node left it. The claim then keeps the event away from other nodes
     * while it is being sent. The signing secrets come along (space never occurs in a secret).
     */
    private static final String CLAIM = """
            with heads as materialized (
                select e.id as endpoint_id, head.event_seq from webhook_endpoint e
                cross join lateral (
                    select h.event_seq from webhook_delivery h
                    where h.endpoint_id = e.id and h.status = 'PENDING' order by h.event_seq limit 1) head
                where e.url is not null and e.removed_at is null
            ), first_attempts as (
                select d.endpoint_id, d.event_seq from heads
                join webhook_delivery d on d.endpoint_id = heads.endpoint_id and d.event_seq = heads.event_seq
                where d.status = 'PENDING' and d.attempts = 0 and d.next_attempt_at <= :now
                  and (d.claimed_until is null or d.claimed_until <= :now)
                order by d.next_attempt_at
                limit :firstAttempts
                for update of d skip locked
            ), retries as (
                select d.endpoint_id, d.event_seq from heads
                join webhook_delivery d on d.endpoint_id = heads.endpoint_id and d.event_seq = heads.event_seq
                where d.status = 'PENDING' and d.attempts > 0 and d.next_attempt_at <= :now
                  and (d.claimed_until is null or d.claimed_until <= :now)
                order by d.next_attempt_at
                limit :retries
                for update of d skip locked
            ), due as (
                select * from first_attempts union all select * from retries
            )
            update webhook_delivery d
            set claimed_until = :claimedUntil, claimed_by = :node, attempts = d.attempts + 1, last_attempt_at = :now
            from due, webhook_endpoint e, outbox_event o
            where d.endpoint_id = due.endpoint_id and d.event_seq = due.event_seq
              and e.id = d.endpoint_id and o.seq = d.event_seq
            returning d.endpoint_id, d.event_seq, d.attempts, e.url, o.id, o.type, o.occurred_at, cast(o.data as text),
                      (select string_agg(s.secret, ' ' order by s.created_at desc, s.id) from webhook_secret s
                       where s.endpoint_id = d.endpoint_id and (s.expires_at is null or s.expires_at > :now))
            """;

    private final EntityManager em;

    WebhookDeliveries(EntityManager em) {
        this.em = em;
    }

    @SuppressWarnings("unchecked")
    List<Claimed> claim(Instant now, Duration hold, String node, int firstAttempts, int retries) {
        return QuarkusTransaction.requiringNew().call(() -> ((List<Object[]>) em.createNativeQuery(CLAIM)
                .setParameter("now", now).setParameter("claimedUntil", now.plus(hold)).setParameter("node", node)
                .setParameter("firstAttempts", firstAttempts).setParameter("retries", retries).getResultList())
                .stream()
                .map(r -> new Claimed((UUID) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).intValue(),
                        (String) r[3], (String) r[4], (String) r[5], (Instant) r[6], (String) r[7],
                        r[8] == null ? List.of() : List.of(((String) r[8]).split(" "))))
                .toList());
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
                            + " where endpoint_id = :endpoint and event_seq = :seq and status = 'PENDING'"
                            // Still this attempt's claim: a later claim (this one had lapsed) settles its own.
                            + " and attempts = :attempt")
                    .setParameter("endpoint", delivery.endpointId())
                    .setParameter("seq", delivery.eventSeq())
                    .setParameter("attempt", delivery.attempt())
                    .setParameter("code", statusCode)
                    .setParameter("at", at);
            if (error != null) {
                update.setParameter("error", error);
            }
            update.executeUpdate();
        });
    }
}
