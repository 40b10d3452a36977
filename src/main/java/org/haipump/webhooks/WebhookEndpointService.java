package org.haipump.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.security.CurrentActor;
import org.haipump.platform.web.IfMatch;
import org.haipump.platform.web.ItemsPage;
import org.haipump.platform.web.PageRequest;
import org.haipump.platform.web.Versioned;

/**
 * The clinic's own systems that receive events for every patient (on-call paging, an EHR
 * interface engine): each names the event types it receives and has its own signing secrets and
 * deliveries, as a partner's endpoint has.
 */
@ApplicationScoped
public class WebhookEndpointService {

    private static final String URL = "url";

    private final WebhookEndpointRepository endpoints;
    private final WebhookSecrets secrets;
    private final WebhookUrlPolicy urlPolicy;
    private final DeliveryService deliveries;
    private final CurrentActor actor;
    private final Clock clock;

    WebhookEndpointService(WebhookEndpointRepository endpoints, WebhookSecrets secrets, WebhookUrlPolicy urlPolicy,
                           DeliveryService deliveries, CurrentActor actor, Clock clock) {
        this.endpoints = endpoints;
        this.secrets = secrets;
        this.urlPolicy = urlPolicy;
        this.deliveries = deliveries;
        this.actor = actor;
        this.clock = clock;
    }

    /** A new endpoint and its first secret, shown in this answer only; it receives the events that occur from now on. */
    @Transactional
    public Versioned<CreatedWebhookEndpointResponse> create(WebhookEndpointRequest request) {
        Instant now = clock.instant();
        WebhookEndpointEntity endpoint = WebhookEndpointEntity.registered(null, now, actor.name());
        apply(endpoint, request, now);
        endpoints.persist(endpoint);
        String secret = secrets.issue(endpoint.id);
        endpoints.flush();
        return new Versioned<>(CreatedWebhookEndpointResponse.of(WebhookEndpointResponse.of(endpoint), secret),
                endpoint.version);
    }

    @Transactional
    public ItemsPage<WebhookEndpointResponse> list(PageRequest page) {
        return ItemsPage.of(endpoints.clinicWide(), page, WebhookEndpointResponse::of);
    }

    @Transactional
    public Optional<Versioned<WebhookEndpointResponse>> find(UUID id) {
        return endpoints.clinicWide(id, LockModeType.NONE)
                .map(e -> new Versioned<>(WebhookEndpointResponse.of(e), e.version));
    }

    /** {@code PUT}: every field as sent; the events already queued go to the new URL. */
    @Transactional
    public Versioned<WebhookEndpointResponse> replace(UUID id, IfMatch ifMatch, WebhookEndpointRequest request) {
        WebhookEndpointEntity endpoint = require(id);
        ifMatch.check(endpoint.version);
        apply(endpoint, request, clock.instant());
        endpoints.flush();
        return new Versioned<>(WebhookEndpointResponse.of(endpoint), endpoint.version);
    }

    /** The endpoint receives nothing more; what it was still to be sent is cancelled. */
    @Transactional
    public void remove(UUID id) {
        WebhookEndpointEntity endpoint = require(id);
        endpoint.removedAt = clock.instant();
        endpoint.removedBy = actor.name();
        deliveries.cancelPending(endpoint.id, "the endpoint was removed");
    }

    /** A new secret; the ones before it sign until the overlap ends. */
    @Transactional
    public SecretRotationResponse rotateSecret(UUID id) {
        return secrets.rotate(require(id).id);
    }

    /** Locked, so that changes, removals and rotations of one endpoint run one after the other. */
    private WebhookEndpointEntity require(UUID id) {
        return endpoints.clinicWide(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("webhook endpoint", id));
    }

    private void apply(WebhookEndpointEntity endpoint, WebhookEndpointRequest request, Instant now) {
        endpoint.url = urlPolicy.requireAllowed(request.url().strip(), URL).toString();
        endpoint.eventTypes = request.eventTypes().stream().distinct().map(EventType::wireName).toList();
        endpoint.description = request.description() == null || request.description().isBlank()
                ? null : request.description().strip();
        endpoint.updatedAt = now;
    }
}
