package org.haipump.platform.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.haipump.support.Api.PATIENTS;
import static org.haipump.support.Api.PUMP;
import static org.haipump.support.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.haipump.support.Api;
import org.haipump.support.Metrics;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * {@code http_server_requests_seconds}: latency histograms per templated path, with tags that
 * carry no id, MRN or query string, whatever the request.
 */
@QuarkusTest
class HttpServerMetricsTest {

    private static final String REQUESTS = "http_server_requests_seconds";
    private static final String PUMP_TEMPLATE = "/api/v1/pumps/{id}";
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-");

    @Test
    void requestsArePerTemplatedPathWithLatencyBuckets() {
        String pumpId = Api.newPump();
        double before = Metrics.scrape().sum(REQUESTS + "_count", "method", "GET", "uri", PUMP_TEMPLATE,
                "status", "200");

        as(Tokens.scheduler()).get(PUMP, pumpId).then().statusCode(200);
        as(Tokens.nurse()).get(PUMP, pumpId).then().statusCode(200);

        // The timer is stopped when the response has ended, which may be just after the client has it.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(Metrics.scrape().value(
                REQUESTS + "_count", "method", "GET", "uri", PUMP_TEMPLATE, "status", "200")).isEqualTo(before + 2));
        Metrics after = Metrics.scrape();
        List<String> buckets = after.find(REQUESTS + "_bucket", "method", "GET", "uri", PUMP_TEMPLATE,
                "status", "200").stream().map(s -> s.labels().get("le")).toList();
        assertThat(buckets).containsExactly("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5",
                "5.0", "10.0", "+Inf");
    }

    @Test
    void noTagCarriesAnIdAnMrnOrAQueryString() {
        String mrn = "MRN-TAG-" + UUID.randomUUID().toString().substring(0, 8);
        String patientId = Api.registerPatient(mrn);
        String pumpId = Api.registerPump(patientId);
        String unknown = UUID.randomUUID().toString();

        as(Tokens.scheduler()).queryParam("mrn", mrn).get(PATIENTS).then().statusCode(200);
        as(Tokens.scheduler()).get(PATIENTS + "/" + patientId).then().statusCode(200);
        as(Tokens.scheduler()).get(PUMP, unknown).then().statusCode(404);
        as(Tokens.scheduler()).get(PUMP, "not-a-uuid-" + mrn).then().statusCode(404);
        as(Tokens.scheduler()).delete(PUMP, pumpId).then().statusCode(405);
        as(Tokens.scheduler()).get("/api/v1/nothing-here/" + mrn).then().statusCode(404);
        given().get(PUMP, pumpId).then().statusCode(401);
        as(Tokens.partner()).get(PUMP, pumpId).then().statusCode(403);
        as(Tokens.scheduler()).get(PUMP + "/schedule?count=" + mrn, pumpId).then().statusCode(400);

        Metrics metrics = Metrics.scrape();
        assertThat(metrics.find(REQUESTS + "_count", "uri", "/api/v1/patients")).isNotEmpty();
        for (Metrics.Sample sample : metrics.all()) {
            for (String value : sample.labels().values()) {
                assertThat(value).as("a label of %s", sample)
                        .doesNotContain(mrn, patientId, pumpId, unknown, "?")
                        .doesNotContainPattern(UUID_TEXT);
            }
        }
        assertThat(metrics.find(REQUESTS + "_count")).extracting(s -> s.labels().get("uri")).allSatisfy(uri ->
                assertThat(uri).as("uri tag").matches("NOT_FOUND|UNMATCHED|(/[a-z0-9-]+|/\\{[A-Za-z]+})+"));
        assertThat(metrics.find(REQUESTS + "_count", "method", "DELETE", "status", "405"))
                .extracting(s -> s.labels().get("uri")).containsOnly("UNMATCHED");
        assertThat(metrics.find(REQUESTS + "_count", "method", "GET", "status", "400"))
                .extracting(s -> s.labels().get("uri")).contains("/api/v1/pumps/{id}/schedule");
    }
}
