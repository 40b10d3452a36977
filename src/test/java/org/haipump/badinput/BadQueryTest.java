package org.haipump.badinput;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.haipump.badinput.ReadEndpoints.Query;
import org.haipump.badinput.ReadEndpoints.ReadEndpoint;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Bad path ids and query parameters of every GET of {@link ReadEndpoints}: never a 5xx; a bad value
 * is a 400 (a bad path id a 404) problem document without stack trace or SQL, and the far bounds a
 * filter may use are answered.
 */
@QuarkusTest
class BadQueryTest {

    private static final Logger LOG = Logger.getLogger(BadQueryTest.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final AtomicInteger SENT = new AtomicInteger();

    @TestFactory
    Stream<DynamicNode> everyReadRefusesBadParameters() {
        return ReadEndpoints.ALL.stream().map(endpoint -> {
            List<String> pathIds = endpoint.pathIds().get();
            return dynamicContainer("GET " + endpoint.path(), ReadEndpoints.queries(endpoint, pathIds).stream()
                    .map(query -> dynamicTest(query.name(), () -> run(endpoint, query))));
        });
    }

    @AfterAll
    static void reportTheCount() {
        LOG.infof("Bad-query suite: %d requests sent", SENT.get());
    }

    private void run(ReadEndpoint endpoint, Query query) throws Exception {
        String parameters = query.parameters().entrySet().stream()
                .map(p -> p.getKey() + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI uri = BadInputTest.uri(endpoint.path(), query.pathIds());
        if (!parameters.isEmpty()) {
            uri = URI.create(uri + "?" + parameters);
        }
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + endpoint.token().get())
                        .header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        SENT.incrementAndGet();
        String what = "GET " + endpoint.path() + " with " + query.name() + ": expected " + query.expected()
                + ", got HTTP " + response.statusCode() + " " + response.body();
        if (query.expected().accepted()) {
            if (response.statusCode() != 200) {
                fail(what);
            }
            return;
        }
        if (!query.expected().statuses().contains(response.statusCode())) {
            fail(what);
        }
        BadInputTest.assertIsProblem(response, what);
    }
}
