package org.haipump.worklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.as;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.haipump.flags.OverdueScan;
import org.haipump.support.Api;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WorklistApiTest {

    @Inject
    OverdueScan scan;

    @Test
    void theWorklistListsDuePumpsMostUrgentFirstWithTheirFlagsAndCounts() {
        Instant now = Instant.now();
        String critical = pumpFilledAt(now.minus(Duration.ofDays(17)));
        String overdue = pumpFilledAt(now.minus(Duration.ofDays(15)));
        String upcoming = pumpFilledAt(now.minus(Duration.ofDays(12)));
        String notYet = pumpFilledAt(now.minus(Duration.ofDays(1)));
        scan.run();

        JsonPath worklist = as(Tokens.nurse()).queryParam("size", 200).get("/api/v1/worklist")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = Api.worklistItems(null);

        List<String> mine = items.stream().map(item -> (String) item.get("pumpId"))
                .filter(id -> List.of(critical, overdue, upcoming, notYet).contains(id)).toList();
        assertThat(mine).containsExactly(critical, overdue, upcoming);
        Map<String, Object> first = item(items, critical);
        assertThat(first).extractingByKey("nextRefill").extracting("status").isEqualTo("CRITICAL");
        assertThat(first).extractingByKey("openFlags").asList().hasSize(1);
        assertThat(first).extractingByKey("patient").extracting("familyName").isEqualTo("Testpatient");
        assertThat(item(items, overdue)).extractingByKey("nextRefill").extracting("status").isEqualTo("OVERDUE");
        assertThat(item(items, upcoming)).extractingByKey("nextRefill").extracting("status").isEqualTo("UPCOMING");
        assertThat(worklist.getLong("counts.CRITICAL")).isGreaterThanOrEqualTo(1);
        assertThat(worklist.getLong("counts.OVERDUE")).isGreaterThanOrEqualTo(1);
        assertThat(worklist.getLong("counts.UPCOMING")).isGreaterThanOrEqualTo(1);
        assertThat(worklist.getLong("total")).isEqualTo(worklist.getLong("counts.CRITICAL")
                + worklist.getLong("counts.OVERDUE") + worklist.getLong("counts.UPCOMING"));
    }

    @Test
    void dueBeforeWidensTheHorizon() {
        String later = pumpFilledAt(Instant.now().minus(Duration.ofDays(1)));

        assertThat(everyPumpOn(null)).doesNotContain(later);
        assertThat(everyPumpOn(Instant.now().plus(Duration.ofDays(30)))).contains(later);
    }

    private static List<String> everyPumpOn(Instant dueBefore) {
        return Api.worklistItems(dueBefore).stream().map(item -> (String) item.get("pumpId")).toList();
    }

    @Test
    void anInvalidPageSizeIsABadRequest() {
        as(Tokens.nurse()).queryParam("size", 0).get("/api/v1/worklist").then().statusCode(400)
                .contentType("application/problem+json");
        as(Tokens.nurse()).queryParam("size", 201).get("/api/v1/worklist").then().statusCode(400);
        as(Tokens.nurse()).queryParam("page", 100_001).get("/api/v1/worklist").then().statusCode(400)
                .body("errors[0].field", equalTo("page"));
        as(Tokens.nurse()).queryParam("page", "first").get("/api/v1/worklist").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("page"));
        as(Tokens.nurse()).queryParam("dueBefore", "tomorrow").get("/api/v1/worklist").then().statusCode(400)
                .body("errors[0].field", equalTo("dueBefore"));
    }

    @Test
    void cursorsPageThroughTheListInItsOrderAndAgreeWithPageNumbers() {
        // Three pumps due within a few seconds of each other, long ago: nothing else falls between them.
        Instant performedAt = Instant.now().minus(Duration.ofDays(100))
                .minusSeconds(ThreadLocalRandom.current().nextInt(1_000_000)).truncatedTo(ChronoUnit.SECONDS);
        List<String> mine = List.of(pumpFilledAt(performedAt), pumpFilledAt(performedAt.plusSeconds(1)),
                pumpFilledAt(performedAt.plusSeconds(2)));
        Instant firstDue = performedAt.plus(Api.REFILL_INTERVAL);
        String beforeMine = new WorklistCursor(firstDue.minusNanos(1), new UUID(0, 0)).encode();
        Instant afterMine = firstDue.plusSeconds(3);

        JsonPath first = page(afterMine, 2, Map.of("after", beforeMine));
        assertThat(first.getList("items.pumpId")).containsExactlyElementsOf(mine.subList(0, 2));
        JsonPath second = page(afterMine, 2, Map.of("after", first.getString("nextCursor")));
        assertThat(second.getList("items.pumpId")).containsExactly(mine.get(2));
        assertThat(second.getString("nextCursor")).as("the last page's cursor").isNull();

        // The whole list, both ways: the same items in the same order.
        Instant horizon = Instant.now().plus(Duration.ofDays(30));
        List<Object> byPageNumbers = new ArrayList<>();
        for (int number = 0; ; number++) {
            List<Object> ids = page(horizon, 200, Map.of("page", number)).getList("items.pumpId");
            if (ids.isEmpty()) {
                break;
            }
            byPageNumbers.addAll(ids);
        }
        assertThat(Api.worklistItems(horizon).stream().map(item -> item.get("pumpId")).toList())
                .containsExactlyElementsOf(byPageNumbers);
    }

    @Test
    void theCountsSayWhenTheyWereCounted() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        JsonPath worklist = page(null, 1, Map.of());
        assertThat(Instant.parse(worklist.getString("countsAsOf"))).isBetween(before, Instant.now());
    }

    @Test
    void aCursorIsOnlyOneTheServiceGaveAndNotWithAPageNumber() {
        String cursor = page(null, 1, Map.of()).getString("nextCursor");
        assertThat(cursor).isNotNull();
        for (String notACursor : List.of("tomorrow", "dG9tb3Jyb3c", cursor + "xy")) {
            as(Tokens.nurse()).queryParam("after", notACursor).get(Api.WORKLIST).then().statusCode(400)
                    .contentType(Api.PROBLEM_JSON).body("errors[0].field", equalTo("after"));
        }
        as(Tokens.nurse()).queryParam("after", cursor).queryParam("page", 1).get(Api.WORKLIST).then().statusCode(400)
                .contentType(Api.PROBLEM_JSON).body("errors[0].field", equalTo("after"));
    }

    private static JsonPath page(Instant dueBefore, int size, Map<String, Object> parameters) {
        var request = as(Tokens.nurse()).queryParam("size", size).queryParams(parameters);
        if (dueBefore != null) {
            request = request.queryParam("dueBefore", dueBefore.toString());
        }
        return request.get(Api.WORKLIST).then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> item(List<Map<String, Object>> items, String pumpId) {
        return items.stream().filter(item -> pumpId.equals(item.get("pumpId"))).findFirst().orElseThrow();
    }

    private static String pumpFilledAt(Instant performedAt) {
        String pumpId = Api.pumpFilledAt(performedAt, "CHEMOTHERAPY");
        return pumpId;
    }
}
