package org.haipump.faults;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Plain HTTP to a {@link ServiceProcess}, safe from many threads, with a deadline on every request
 * so that a hanging service fails the test instead of stalling it.
 */
public final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Http() {
    }

    /** What the service answered, and how long it took. */
    public record Reply(int status, String contentType, String body, Map<String, java.util.List<String>> headers,
                        Duration took) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                    .map(h -> h.getValue().get(0)).findFirst().orElse(null);
        }

        public boolean successful() {
            return status >= 200 && status < 300;
        }

        @Override
        public String toString() {
            return status + " " + contentType + " in " + took.toMillis() + " ms: " + body;
        }
    }

    public static Reply get(URI uri, String token, Duration timeout) throws IOException {
        return send(request(uri, token, timeout).GET().build());
    }

    /** A GET that accepts {@code accept} rather than JSON, e.g. {@code text/plain} of /q/metrics. */
    public static Reply get(URI uri, String token, String accept, Duration timeout) throws IOException {
        return send(request(uri, token, timeout).setHeader("Accept", accept).GET().build());
    }

    public static Reply post(URI uri, String token, Object body, Map<String, String> headers, Duration timeout)
            throws IOException {
        HttpRequest.Builder request = request(uri, token, timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        headers.forEach(request::header);
        return send(request.build());
    }

    public static Reply put(URI uri, String token, Object body, Duration timeout) throws IOException {
        return send(request(uri, token, timeout).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    private static HttpRequest.Builder request(URI uri, String token, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private static Reply send(HttpRequest request) throws IOException {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body(), response.headers().map(), Duration.ofNanos(System.nanoTime() - started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        }
    }
}
