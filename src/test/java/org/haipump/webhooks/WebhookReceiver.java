package org.haipump.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.haipump.support.StandardWebhooks;

/**
 * A receiving system on loopback, as a partner or the clinic would run one: it checks each
 * request's signature (401 when it does not verify), answers 500 to its first {@code failures}
 * verified requests (after it had handled the event, as a crash before the answer would), and
 * hands each event to the application above it once, by {@code webhook-id}. A {@link #hanging()}
 * one never answers until it is closed.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as the receiver saw it. */
    record Attempt(String id, String timestamp, String signature, String body, boolean validSignature,
                   Instant receivedAt) {
    }

    final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    final List<String> handed = new CopyOnWriteArrayList<>();
    final String url;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failuresLeft;
    private final HttpServer server;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile String secret;
    private volatile boolean hanging;

    WebhookReceiver(int failures) throws IOException {
        this.failuresLeft = new AtomicInteger(failures);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // A path of its own: a later receiver may get the same port, and an endpoint of an earlier
        // test still retrying there must not reach it (the server answers other paths 404).
        String path = "/hooks/" + UUID.randomUUID();
        server.createContext(path, this::handle);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** From now on, each request waits for {@link #close()} before it is answered. */
    WebhookReceiver hanging() {
        hanging = true;
        return this;
    }

    /** The secret that signatures must verify with (the one the service showed at registration or rotation). */
    void trust(String secret) {
        this.secret = secret;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
        boolean valid = secret != null && StandardWebhooks.verifies(secret, id, timestamp, signature, body);
        attempts.add(new Attempt(id, timestamp, signature, body, valid, Instant.now()));
        if (hanging) {
            try {
                closed.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status = 401;
        if (valid) {
            if (seen.add(id)) {
                handed.add(body);
            }
            status = failuresLeft.getAndDecrement() > 0 ? 500 : 204;
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }
}
