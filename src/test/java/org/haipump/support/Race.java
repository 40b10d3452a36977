package org.haipump.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Real parallel HTTP clients: up to {@value #CLIENTS} requests, each sent from its own thread, all
 * released at the same instant by a barrier, and every answer collected. Requests are built before
 * the race (tokens signed, bodies serialised), so that the threads only send. The waits are bounded
 * and generous: a slow machine makes a race slower, never a false result.
 */
public final class Race {

    public static final int CLIENTS = 32;
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /** Clients of the service at {@code base}, such as {@code @TestHTTPResource("/") URL}. */
    public Race(URI base) {
        this.base = base;
    }

    /** An answer as the client saw it, its body read as JSON once (null when it is not JSON). */
    public record Answer(int status, String contentType, Map<String, List<String>> headers, String body, JsonNode json) {

        public String header(String name) {
            return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                    .flatMap(h -> h.getValue().stream()).findFirst().orElse(null);
        }

        /** A member of the JSON body by its pointer, such as {@code /nextRefill/dueAt}; null when absent. */
        public String text(String pointer) {
            JsonNode value = json == null ? null : json.at(pointer);
            return value == null || value.isMissingNode() || value.isNull() ? null : value.asText();
        }

        /** The problem's {@code type}, or null when the answer is not a problem document. */
        public String problemType() {
            return contentType != null && contentType.startsWith(Api.PROBLEM_JSON) ? text("/type") : null;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /**
     * A POST to a path template of {@link Api} (its {@code {…}} filled in order) with a bearer token,
     * and a JSON body unless it is null.
     */
    public HttpRequest.Builder post(String pathTemplate, String token, Object body, Object... pathValues) {
        HttpRequest.Builder request = request(pathTemplate, token, pathValues);
        if (body == null) {
            return request.POST(HttpRequest.BodyPublishers.noBody());
        }
        try {
            return request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a JSON body: " + body, e);
        }
    }

    /** A GET of a path template with a bearer token. */
    public HttpRequest.Builder get(String pathTemplate, String token, Object... pathValues) {
        return request(pathTemplate, token, pathValues).GET();
    }

    /** {@code count} requests made by {@code request}, sent at once. */
    public List<Answer> run(int count, IntFunction<HttpRequest> request) {
        return run(IntStream.range(0, count).mapToObj(request).toList());
    }

    /** Sends every request from its own thread, all released together; the answers in the order given. */
    public List<Answer> run(List<HttpRequest> requests) {
        if (requests.isEmpty() || requests.size() > CLIENTS) {
            throw new IllegalArgumentException("1 to " + CLIENTS + " requests, not " + requests.size());
        }
        CyclicBarrier start = new CyclicBarrier(requests.size());
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Answer>> sent = new ArrayList<>();
            for (HttpRequest request : requests) {
                sent.add(pool.submit(() -> {
                    start.await(BOUND.toSeconds(), TimeUnit.SECONDS);
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    return new Answer(response.statusCode(),
                            response.headers().firstValue("Content-Type").orElse(null),
                            response.headers().map(), response.body(), parse(response.body()));
                }));
            }
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> answer : sent) {
                answers.add(answer.get(BOUND.toSeconds(), TimeUnit.SECONDS));
            }
            return answers;
        } catch (Exception e) {
            throw new IllegalStateException("The race did not finish within " + BOUND, e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private HttpRequest.Builder request(String pathTemplate, String token, Object... pathValues) {
        String path = pathTemplate;
        for (Object value : pathValues) {
            path = path.replaceFirst("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(value.toString()));
        }
        if (path.contains("{")) {
            throw new IllegalArgumentException("Unfilled path template: " + path);
        }
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(BOUND)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }
}
