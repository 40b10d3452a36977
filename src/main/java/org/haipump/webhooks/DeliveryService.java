package org.haipump.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.problem.ProblemType;
import org.haipump.platform.web.ItemsPage;
import org.haipump.platform.web.PageRequest;

/**
 * What was sent to an endpoint (a partner's, or a clinic-wide one), sending one event again, and
 * giving up what an endpoint that stopped receiving was still to be sent.
 */
@ApplicationScoped
public class DeliveryService {

    private static final String COLUMNS = """
            o.id, o.type, o.occurred_at, d.status, d.attempts, d.last_attempt_at, d.last_status_code, d.last_error,
            case when d.status = 'PENDING' then d.next_attempt_at end, d.delivered_at""";

    private final EntityManager em;
    private final WebhookEndpointRepository endpoints;
    private final Clock clock;

    DeliveryService(EntityManager em, WebhookEndpointRepository endpoints, Clock clock) {
        this.em = em;
        this.endpoints = endpoints;
        this.clock = clock;
    }

    /** The partner's deliveries, newest event first. */
    @Transactional
    public ItemsPage<DeliveryResponse> ofPartner(UUID partnerId, PageRequest page) {
        return of(partnerEndpoint(partnerId).id, page);
    }

    /** A clinic-wide endpoint's deliveries, newest event first. */
    @Transactional
    public ItemsPage<DeliveryResponse> ofClinicEndpoint(UUID endpointId, PageRequest page) {
        return of(clinicEndpoint(endpointId, LockModeType.NONE).id, page);
    }

    /**
     * Sends the partner's event again, now, whatever became of it before: it goes ahead of the
     * endpoint's other undelivered events, being older. An event of the partner's that was never
     * queued (the partner had no URL then) is queued now.
     */
    @Transactional
    public DeliveryResponse redeliverToPartner(UUID partnerId, String eventId) {
        WebhookEndpointEntity endpoint = partnerEndpoint(partnerId);
        if (endpoint.url == null) {
            throw ProblemException.of(ProblemType.NO_WEBHOOK_URL,
                    "The partner has no webhook URL to deliver to; its events are in its feed.");
        }
        return redeliver(endpoint, eventOf("partner_id = :owner", partnerId, eventId, "event of this partner"));
    }

    /** As {@link #redeliverToPartner}, for an event of a type that the clinic-wide endpoint receives. */
    @Transactional
    public DeliveryResponse redeliverToClinicEndpoint(UUID endpointId, String eventId) {
        WebhookEndpointEntity endpoint = clinicEndpoint(endpointId, LockModeType.PESSIMISTIC_READ);
        return redeliver(endpoint, eventOf("type in (:owner)", endpoint.eventTypes, eventId,
                "event of a type this endpoint receives"));
    }

    /**
     * The endpoint stopped receiving (it was removed, or its URL was): what it was still to be sent
     * is cancelled, in the same transaction, and stays in its deliveries; a redelivery queues it again.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancelPending(UUID endpointId, String why) {
        em.createNativeQuery("""
                        update webhook_delivery set status = 'CANCELLED', claimed_until = null, claimed_by = null,
                               last_error = :error
                        where endpoint_id = :endpoint and status = 'PENDING'""")
                .setParameter("error", "not sent: " + why).setParameter("endpoint", endpointId).executeUpdate();
    }

    private ItemsPage<DeliveryResponse> of(UUID endpointId, PageRequest page) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = deliveries("d.endpoint_id = :endpoint order by d.event_seq desc")
                .setParameter("endpoint", endpointId)
                .setFirstResult(page.offset()).setMaxResults(page.size).getResultList();
        long total = ((Number) em.createNativeQuery("select count(*) from webhook_delivery where endpoint_id = :endpoint")
                .setParameter("endpoint", endpointId).getSingleResult()).longValue();
        return new ItemsPage<>(rows.stream().map(DeliveryService::response).toList(), page.page, page.size, total);
    }

    /** The outbox seq of the event, if it is one the endpoint's owner may be sent; else a 404 naming {@code what}. */
    private long eventOf(String owned, Object owner, String eventId, String what) {
        @SuppressWarnings("unchecked")
        List<Number> event = em.createNativeQuery("select seq from outbox_event where id = :id and " + owned)
                .setParameter("id", eventId).setParameter("owner", owner).getResultList();
        if (event.isEmpty()) {
            throw ProblemException.notFound(what, eventId);
        }
        return event.get(0).longValue();
    }

    private DeliveryResponse redeliver(WebhookEndpointEntity endpoint, long seq) {
        Instant now = clock.instant();
        em.createNativeQuery("""
                        insert into webhook_delivery (endpoint_id, event_seq, status, next_attempt_at)
                        values (:endpoint, :seq, 'PENDING', :now)
                        on conflict (endpoint_id, event_seq) do update
                        set status = 'PENDING', next_attempt_at = :now, claimed_until = null, claimed_by = null,
                            delivered_at = null""")
                .setParameter("endpoint", endpoint.id).setParameter("seq", seq).setParameter("now", now)
                .executeUpdate();
        Object[] row = (Object[]) deliveries("d.endpoint_id = :endpoint and d.event_seq = :seq")
                .setParameter("endpoint", endpoint.id).setParameter("seq", seq).getSingleResult();
        return response(row);
    }

    private Query deliveries(String where) {
        return em.createNativeQuery("select " + COLUMNS
                + " from webhook_delivery d join outbox_event o on o.seq = d.event_seq where " + where);
    }

    private WebhookEndpointEntity partnerEndpoint(UUID partnerId) {
        return endpoints.ofPartner(partnerId).orElseThrow(() -> ProblemException.notFound("partner", partnerId));
    }

    /** A redelivery locks it against a removal running alongside: nothing is queued for an endpoint that is gone. */
    private WebhookEndpointEntity clinicEndpoint(UUID endpointId, LockModeType lock) {
        return endpoints.clinicWide(endpointId, lock)
                .orElseThrow(() -> ProblemException.notFound("webhook endpoint", endpointId));
    }

    private static DeliveryResponse response(Object[] r) {
        return new DeliveryResponse((String) r[0], (String) r[1], (Instant) r[2], (String) r[3],
                ((Number) r[4]).intValue(), (Instant) r[5], r[6] == null ? null : ((Number) r[6]).intValue(),
                (String) r[7], (Instant) r[8], (Instant) r[9]);
    }
}
