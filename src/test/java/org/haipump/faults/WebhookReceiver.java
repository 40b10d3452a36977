package org.haipump.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.haipump.support.StandardWebhooks;

/**
 * Partners' systems on loopback, one endpoint per path under {@code /hooks/}, as the Standard
 * Webhooks specification expects them: each request's signature is checked with the secret of its
 * endpoint, a valid one is answered 204 after a moment's work, and each event is handed to the
 * application above once, by {@code webhook-id}. An endpoint may hold its first request unanswered (after handing the event
 * on, as a receiver that crashes before its answer would) until {@link #close()}.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as the receiver saw it. */
    record Attempt(String endpoint, String id, String body, boolean validSignature, Instant at) {
    }

    /** How long a held request is kept at most: longer than any scenario. */
    private static final long HOLD_AT_MOST_SECONDS = 300;

    private final Duration work;
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "webhook-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Set<String> holding = ConcurrentHashMap.newKeySet();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final CountDownLatch released = new CountDownLatch(1);
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final List<Attempt> handed = new CopyOnWriteArrayList<>();

    /** @param work how long the receiver takes over a request before it answers */
    WebhookReceiver(Duration work) throws IOException {
        this.work = work;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hooks/", this::handle);
        // One thread per request: a held request must not hold up the others.
        server.setExecutor(handlers);
        server.start();
    }

    String url(String endpoint) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/" + endpoint;
    }

    /** The endpoint's secret, as its partner's registration answered it. */
    void secret(String endpoint, String secret) {
        secrets.put(endpoint, secret);
    }

    /** The endpoint's first valid request is handed on and then left unanswered. */
    void holdFirst(String endpoint) {
        holding.add(endpoint);
    }

    List<Attempt> attempts(String endpoint) {
        return attempts.stream().filter(a -> a.endpoint().equals(endpoint)).toList();
    }

    /** The events the endpoint's application was given, each once. */
    List<Attempt> handed(String endpoint) {
        return handed.stream().filter(a -> a.endpoint().equals(endpoint)).toList();
    }

    private void handle(HttpExchange exchange) {
        try {
            String endpoint = exchange.getRequestURI().getPath().substring("/hooks/".length());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            boolean valid = StandardWebhooks.verifies(secrets.get(endpoint), id,
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body);
            Attempt attempt = new Attempt(endpoint, id, body, valid, Instant.now());
            if (valid && seen.add(endpoint + " " + id)) {
                handed.add(attempt);
            }
            attempts.add(attempt);
            try {
                if (valid && holding.remove(endpoint)) {
                    released.await(HOLD_AT_MOST_SECONDS, TimeUnit.SECONDS);
                } else {
                    Thread.sleep(work.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(valid ? 204 : 401, -1);
        } catch (IOException senderGone) {
            // A held request's sender was killed: there is nobody to answer.
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }
}
