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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.haipump.platform.cluster.ClusterNode;
import org.haipump.platform.config.HaiConfig;
import org.jboss.logging.Logger;

/**
 * Sends the outbox's webhook deliveries, at least once, per the Standard Webhooks specification.
 * Each endpoint gets its events one at a time, oldest first. Up to {@value #FIRST_ATTEMPT_SLOTS}
 * first attempts and {@value #RETRY_SLOTS} retries are sent at once, each slot taking the next
 * endpoint that has an event due as soon as its send ends: an endpoint that fails or hangs until
 * the attempt timeout holds back only its own events, and once it has failed, its retries take
 * only retry slots, so that even many dead endpoints leave the first attempts to the others.
 *
 * <p>Every node dispatches: a claim gives each event to one node at a time, and a node that dies
 * mid-send loses its claim when the attempt timeout has passed, so another node sends the event
 * again. It runs at each firing of the node's own schedule, and also as soon as a transaction
 * that wrote deliveries commits on this node ({@link #wake()}): a new event is sent within
 * milliseconds, not at the next firing.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    /** First attempts sent at once by one node. */
    private static final int FIRST_ATTEMPT_SLOTS = 8;
    /** Retries sent at once by one node, beside the first attempts. */
    private static final int RETRY_SLOTS = 4;
    /** Room past the attempt timeout before a claim lapses: time to record the outcome. */
    private static final Duration CLAIM_MARGIN = Duration.ofSeconds(5);
    private static final Object SIGNAL = new Object();

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
    private final ExecutorService senders = Executors.newFixedThreadPool(FIRST_ATTEMPT_SLOTS + RETRY_SLOTS);
    /** Runs the dispatch that a commit asked for, off the committing thread. */
    private final ExecutorService waker = Executors.newSingleThreadExecutor();
    /** First attempts and retries under way on this node. */
    private final AtomicInteger firstAttemptsInFlight = new AtomicInteger();
    private final AtomicInteger retriesInFlight = new AtomicInteger();
    /** Whether a dispatch runs on this node; one at a time, whoever started it. */
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    /** A send ended, or deliveries were committed: either may make a delivery due. */
    private final BlockingQueue<Object> signals = new LinkedBlockingQueue<>();

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

    /**
     * On every node, by the in-memory scheduler rather than the clustered one: the claims keep the
     * nodes apart, and each node sends as soon as a claim it can take is due, a dead node's too.
     */
    @Scheduled(identity = "webhook-dispatch", every = "${hai.webhooks.dispatch-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, executeWith = Scheduled.SIMPLE)
    void onSchedule() {
        dispatch();
    }

    /** Deliveries were committed on this node: sends them now, or lets the running dispatch see them. */
    void wake() {
        signals.offer(SIGNAL);
        if (!running.get() && wakePending.compareAndSet(false, true)) {
            waker.execute(() -> {
                wakePending.set(false);
                dispatch();
            });
        }
    }

    /**
     * Sends what is due, until nothing is due and nothing is being sent, or a period has passed
     * (the next firing goes on from there); answers how many attempts it started. Does nothing
     * while another dispatch runs on this node.
     */
    public int dispatch() {
        int attempts = 0;
        do {
            if (!running.compareAndSet(false, true)) {
                return attempts;
            }
            try {
                // Ends a little before the next firing, which then finds it done rather than skips.
                attempts += sendWhatIsDue(clock.instant().plus(round.minus(round.dividedBy(10))));
            } finally {
                running.set(false);
            }
            // A commit that signalled after the last claim, while this dispatch was ending.
        } while (!signals.isEmpty());
        return attempts;
    }

    private int sendWhatIsDue(Instant until) {
        int attempts = 0;
        while (clock.instant().isBefore(until)) {
            // A signal from here on is seen by the wait below.
            signals.clear();
            int firstAttempts = FIRST_ATTEMPT_SLOTS - firstAttemptsInFlight.get();
            int retries = RETRY_SLOTS - retriesInFlight.get();
            if (firstAttempts > 0 || retries > 0) {
                List<WebhookDeliveries.Claimed> claimed = deliveries.claim(clock.instant(),
                        attemptTimeout.plus(CLAIM_MARGIN), node.name(), firstAttempts, retries);
                claimed.forEach(this::start);
                attempts += claimed.size();
                if (!claimed.isEmpty()) {
                    continue;
                }
                if (firstAttemptsInFlight.get() + retriesInFlight.get() == 0) {
                    break;
                }
            }
            try {
                signals.poll(Math.max(1, Duration.between(clock.instant(), until).toMillis()), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return attempts;
    }

    private void start(WebhookDeliveries.Claimed delivery) {
        AtomicInteger inFlight = delivery.attempt() == 1 ? firstAttemptsInFlight : retriesInFlight;
        inFlight.incrementAndGet();
        try {
            senders.execute(() -> {
                try {
                    send(delivery);
                } catch (RuntimeException e) {
                    LOG.warnf("Webhook delivery failed unexpectedly: %s", e.getClass().getName());
                } finally {
                    inFlight.decrementAndGet();
                    signals.offer(SIGNAL);
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            inFlight.decrementAndGet();
        }
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
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(attemptTimeout)
                .header("Content-Type", "application/json")
                .header("webhook-id", delivery.eventId())
                .header("webhook-timestamp", String.valueOf(timestamp))
                .header("webhook-signature",
                        WebhookSignature.header(delivery.secrets(), delivery.eventId(), timestamp, body))
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
        waker.shutdownNow();
        senders.shutdownNow();
    }
}
