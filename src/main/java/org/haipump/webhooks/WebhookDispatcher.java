package org.haipump.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.haipump.platform.cluster.ClusterNode;
import org.haipump.platform.config.HaiConfig;
import org.jboss.logging.Logger;

/**
 * Sends the outbox's webhook deliveries, at least once, per the Standard Webhooks specification.
 * Each endpoint gets its events one at a time, oldest first: an endpoint that fails holds back
 * only its own events, while the others' are sent alongside. Any node may run it: a claim gives
 * each event to one node at a time, and a node that dies mid-send loses its claim when the attempt
 * timeout has passed, so another node sends the event again.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    /** Endpoints served at once by one node. */
    private static final int PARALLEL_ENDPOINTS = 8;
    /** Room past the attempt timeout before a claim lapses: time to record the outcome. */
    private static final Duration CLAIM_MARGIN = Duration.ofSeconds(5);

    private final WebhookDeliveries deliveries;
    private final ClusterNode node;
    private final WebhookMetrics metrics;
    private final WebhookUrlPolicy urls;
    private final RetrySchedule retries;
    private final Duration attemptTimeout;
    private final Duration round;
    private final Clock clock;
    private final ObjectMapper json;
    private final HttpClient http;
    private final ExecutorService senders = Executors.newFixedThreadPool(PARALLEL_ENDPOINTS);

    WebhookDispatcher(WebhookDeliveries deliveries, ClusterNode node, WebhookMetrics metrics, WebhookUrlPolicy urls,
                      HaiConfig config, Clock clock, ObjectMapper json) {
        this.json = json;
        this.deliveries = deliveries;
        this.node = node;
        this.metrics = metrics;
        this.urls = urls;
        this.retries = new RetrySchedule(config.webhooks().retryInitialDelay(), config.webhooks().maxAge());
        this.attemptTimeout = config.webhooks().attemptTimeout();
        this.round = config.webhooks().dispatchEvery();
        this.clock = clock;
        // Never follow a redirect: it could lead anywhere, past the URL check.
        this.http = HttpClient.newBuilder().connectTimeout(attemptTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Scheduled(identity = "webhook-dispatch", every = "${hai.webhooks.dispatch-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        dispatch();
    }

    /**
     * Sends what is due, round after round, until nothing is due or a period has passed (the next
     * firing goes on from there); answers how many attempts were made.
     */
    public int dispatch() {
        Instant until = clock.instant().plus(round);
        int attempts = 0;
        while (clock.instant().isBefore(until)) {
            List<WebhookDeliveries.Claimed> claimed = deliveries.claim(clock.instant(),
                    attemptTimeout.plus(CLAIM_MARGIN), node.name());
            if (claimed.isEmpty()) {
                break;
            }
            List<Future<?>> sent = new ArrayList<>();
            for (WebhookDeliveries.Claimed delivery : claimed) {
                sent.add(senders.submit(() -> send(delivery)));
            }
            for (Future<?> each : sent) {
                try {
                    each.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return attempts;
                } catch (Exception e) {
                    LOG.warnf("Webhook delivery failed unexpectedly: %s", e.getClass().getName());
                }
            }
            attempts += claimed.size();
        }
        return attempts;
    }

    private void send(WebhookDeliveries.Claimed delivery) {
        Instant now = clock.instant();
        String body = FeedEvent.of(json, delivery.eventId(), delivery.type(), delivery.occurredAt(), delivery.data(),
                null).body(json);
        URI uri;
        try {
            uri = URI.create(delivery.url());
        } catch (IllegalArgumentException e) {
            failed(delivery, null, "the URL is malformed", now);
            return;
        }
        Optional<String> refused = urls.refusal(uri);
        if (refused.isPresent()) {
            failed(delivery, null, "not sent: " + refused.get(), now);
            return;
        }
        long timestamp = now.getEpochSecond();
        List<String> secrets = deliveries.signingSecrets(delivery.endpointId(), now);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(attemptTimeout)
                .header("Content-Type", "application/json")
                .header("webhook-id", delivery.eventId())
                .header("webhook-timestamp", String.valueOf(timestamp))
                .header("webhook-signature", WebhookSignature.header(secrets, delivery.eventId(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                deliveries.delivered(delivery, status, clock.instant());
                metrics.delivered();
            } else {
                failed(delivery, status, "HTTP " + status, clock.instant());
            }
        } catch (HttpTimeoutException e) {
            failed(delivery, null, "no answer within " + attemptTimeout.toSeconds() + " s", clock.instant());
        } catch (IOException e) {
            failed(delivery, null, "not reached (" + e.getClass().getSimpleName() + ")", clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void failed(WebhookDeliveries.Claimed delivery, Integer status, String error, Instant at) {
        Instant next = retries.nextAttempt(delivery.occurredAt(), delivery.attempt(), at,
                ThreadLocalRandom.current().nextDouble()).orElse(null);
        if (next == null) {
            LOG.warnf("Webhook event %s to endpoint %s dead-lettered after %d attempts: %s", delivery.eventId(),
                    delivery.endpointId(), delivery.attempt(), error);
        }
        deliveries.failed(delivery, status, error, next, at);
        metrics.failed(next == null);
    }

    void onShutdown(@Observes ShutdownEvent shutdown) {
        senders.shutdownNow();
    }
}
