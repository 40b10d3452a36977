package org.haipump.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.haipump.badinput.BadRequest.Wire;
import org.haipump.platform.web.RequestId;
import org.haipump.support.Db;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Sends generated bad input to every write endpoint of {@link WriteEndpoints}: each request that
 * must be refused gets a 4xx {@code application/problem+json} with {@code type}, {@code title},
 * {@code status} and {@code detail}, no stack trace and no SQL, and changes no row; the few
 * mutations a clinic would still call valid (an optional field left out ...) must be accepted, and
 * so must each endpoint's valid request, which proves the fixture right. Each case is a named
 * dynamic test; the number run is logged at the end.
 */
@QuarkusTest
class BadInputTest {

    private static final Logger LOG = Logger.getLogger(BadInputTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{[^}]+}");
    private static final List<String> STACK_TRACE_MARKERS = List.of("at org.", "at java.", "at io.", "Exception",
            ".java:", "\tat ");
    private static final List<String> SQL_MARKERS = List.of("select ", "insert into", "update ", "delete from",
            "sqlstate", "error:", "org.postgresql", "org.hibernate", "jdbc", "constraint");
    private static final AtomicInteger REFUSED = new AtomicInteger();
    private static final AtomicInteger ACCEPTED = new AtomicInteger();

    @Inject
    Db db;

    @TestFactory
    Stream<DynamicNode> everyWriteEndpointRefusesBadInput() {
        long limit = ConfigProvider.getConfig().getValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .asLongValue();
        return WriteEndpoints.ALL.stream().map(endpoint -> {
            // Refusals share one target; a request accepted in error gets the next case a fresh one,
            // so that one defect does not fail the cases after it (a taken MRN, a removed pump ...).
            AtomicReference<Target> shared = new AtomicReference<>(endpoint.target().get());
            List<DynamicNode> tests = new ArrayList<>();
            if (endpoint.takesBody()) {
                tests.add(dynamicTest("the valid body names every field of " + endpoint.requestType().getSimpleName(),
                        () -> assertThat(BadRequests.unnamedComponents(shared.get().body(), endpoint.requestType()))
                                .as("fields no generated case would reach").isEmpty()));
            }
            for (BadRequest request : BadRequests.of(endpoint, shared.get(), limit)) {
                tests.add(dynamicTest(request.name(), () -> {
                    if (request.expected().accepted()) {
                        run(endpoint, request, endpoint.target().get());
                        return;
                    }
                    try {
                        run(endpoint, request, shared.get());
                    } catch (AssertionError | IOException e) {
                        shared.set(endpoint.target().get());
                        throw e;
                    }
                }));
            }
            return dynamicContainer(endpoint.name(), tests);
        });
    }

    @AfterAll
    static void reportTheCount() {
        LOG.infof("Bad-input suite: %d requests sent, %d refused as expected, %d accepted as expected",
                REFUSED.get() + ACCEPTED.get(), REFUSED.get(), ACCEPTED.get());
    }

    private void run(WriteEndpoint endpoint, BadRequest request, Target target) throws Exception {
        Wire wire = request.build().apply(target);
        Db.Snapshot before = request.expected().accepted() ? null
                : db.snapshot(target.pumpIds().toArray(String[]::new));
        HttpResponse<String> response = send(endpoint, wire);
        String what = endpoint.name() + " with " + request.name() + ": expected " + request.expected()
                + ", got HTTP " + response.statusCode() + " " + abbreviated(response.body());
        if (request.expected().accepted()) {
            if (response.statusCode() < 200 || response.statusCode() > 299) {
                fail(what);
            }
            ACCEPTED.incrementAndGet();
            return;
        }
        if (!request.expected().statuses().contains(response.statusCode())) {
            fail(what);
        }
        assertIsProblem(response, what);
        before.assertNothingWritten();
        REFUSED.incrementAndGet();
    }

    /** A problem document, and nothing in it that reveals the implementation. */
    static void assertIsProblem(HttpResponse<String> response, String what) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue(RequestId.HEADER)).as(what + ": its request id").isPresent();
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asText()).as(what).startsWith("/problems/");
        assertThat(problem.path("title").asText()).as(what).isNotBlank();
        assertThat(problem.path("status").asInt()).as(what).isEqualTo(response.statusCode());
        assertThat(problem.path("detail").asText()).as(what).isNotBlank();
        String body = response.body();
        assertThat(STACK_TRACE_MARKERS).as(what + ": a stack trace").noneMatch(body::contains);
        String lowerCase = body.toLowerCase(Locale.ROOT);
        assertThat(SQL_MARKERS).as(what + ": SQL").noneMatch(lowerCase::contains);
    }

    static HttpResponse<String> send(WriteEndpoint endpoint, Wire wire) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(endpoint.path(), wire.pathIds()))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + endpoint.token().get())
                .header("Accept", "application/json");
        if (wire.contentType() != null) {
            request.header("Content-Type", wire.contentType());
        }
        wire.headers().forEach(request::header);
        byte[] body = wire.body();
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : wire.chunked() ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        return HTTP.send(request.method(endpoint.method(), publisher).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The path template with its parameters replaced, in order, by the ids. */
    static URI uri(String template, List<String> ids) {
        Matcher parameters = PATH_PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        Iterator<String> values = ids.iterator();
        while (parameters.find()) {
            parameters.appendReplacement(path,
                    Matcher.quoteReplacement(URLEncoder.encode(values.next(), StandardCharsets.UTF_8)));
        }
        parameters.appendTail(path);
        return URI.create("http://localhost:" + RestAssured.port + path);
    }

    private static String abbreviated(String body) {
        return body == null ? "" : body.length() <= 600 ? body : body.substring(0, 600) + "...";
    }
}
