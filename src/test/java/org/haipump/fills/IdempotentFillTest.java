package org.haipump.fills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.FILLS;
import static org.haipump.support.Api.FULL_ML;
import static org.haipump.support.Api.as;
import static org.haipump.support.Api.daysAgo;
import static org.haipump.support.Api.fill;
import static org.haipump.support.Api.invalid;
import static org.haipump.support.Api.ruleViolated;
import static org.haipump.support.Api.with;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.haipump.support.Api;
import org.haipump.support.Db;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

/** The {@code Idempotency-Key} of recording a fill: a repeat answers the first answer and writes nothing more. */
@QuarkusTest
class IdempotentFillTest {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String REPLAYED = "Idempotent-Replayed";
    private static final int CONCURRENT_REPEATS = 4;

    @Inject
    Db db;

    private static String newKey() {
        return "fill-" + UUID.randomUUID();
    }

    private static Response post(String pumpId, String key, Object body) {
        return as(Tokens.nurse()).header(IDEMPOTENCY_KEY, key).body(body).post(FILLS, pumpId);
    }

    /** A pump filled with chemotherapy 13 days ago: its heparin refill is due tomorrow. */
    private static String pumpDueForHeparin() {
        return Api.pumpFilledAt(daysAgo(13), "CHEMOTHERAPY");
    }

    @Test
    void repeatingARequestWithItsKeyAnswersTheFirstAnswerAndWritesOneFill() {
        String pumpId = pumpDueForHeparin();
        String key = newKey();
        Map<String, Object> body = fill(Api.now(), "HEPARIN", FULL_ML, Api.FAST_FLOW_RESIDUAL_ML);
        Response first = post(pumpId, key, body);
        first.then().statusCode(201);
        long fillsAfterFirst = db.count("fill", "pump_id", pumpId);
        Db.Snapshot afterFirst = db.snapshot(pumpId);

        Response repeat = post(pumpId, key, body);

        repeat.then().log().ifValidationFails().statusCode(201).header(REPLAYED, "true");
        assertThat(repeat.jsonPath().getMap("")).isEqualTo(first.jsonPath().getMap(""));
        assertThat(repeat.header("Location")).isEqualTo(first.header("Location"));
        assertThat(repeat.contentType()).startsWith("application/json");
        assertThat(fillsAfterFirst).isEqualTo(2);
        afterFirst.assertNothingWritten();
        assertThat(db.count("idempotency_record", "pump_id", pumpId)).isEqualTo(1);
    }

    @Test
    void theFirstAnswerCarriesNoReplayMark() {
        Response first = post(pumpDueForHeparin(), newKey(), fill(Api.now(), "HEPARIN", FULL_ML));

        first.then().statusCode(201);
        assertThat(first.header(REPLAYED)).isNull();
    }

    @Test
    void theSameBodyWrittenDifferentlyIsTheSameRequest() {
        String pumpId = pumpDueForHeparin();
        String key = newKey();
        Instant performedAt = Api.now();
        Response first = post(pumpId, key, fill(performedAt, "HEPARIN", FULL_ML));
        first.then().statusCode(201);
        Db.Snapshot afterFirst = db.snapshot(pumpId);
        String sameFillOtherwiseWritten = "{ \"volumeMl\" : 30.00,\n \"drug\":\"HEPARIN\",   \"performedAt\": \""
                + performedAt + "\", \"notes\": \"  \" }";

        Response repeat = post(pumpId, key, sameFillOtherwiseWritten);

        repeat.then().statusCode(201).header(REPLAYED, "true");
        assertThat(repeat.jsonPath().getString("id")).isEqualTo(first.jsonPath().getString("id"));
        afterFirst.assertNothingWritten();
    }

    @Test
    void reusingAKeyForAnotherBodyBreaksTheRule() {
        String pumpId = pumpDueForHeparin();
        String key = newKey();
        Map<String, Object> body = fill(Api.now(), "HEPARIN", FULL_ML);
        post(pumpId, key, body).then().statusCode(201);
        Db.Snapshot afterFirst = db.snapshot(pumpId);

        ruleViolated(post(pumpId, key, with(body, "volumeMl", 25.0)), "idempotency-key-reused", IDEMPOTENCY_KEY);

        afterFirst.assertNothingWritten();
    }

    @Test
    void reusingAKeyForAnotherPumpBreaksTheRule() {
        String key = newKey();
        Map<String, Object> body = fill(Api.now(), "HEPARIN", FULL_ML);
        post(pumpDueForHeparin(), key, body).then().statusCode(201);
        String otherPump = pumpDueForHeparin();
        Db.Snapshot before = db.snapshot(otherPump);

        ruleViolated(post(otherPump, key, body), "idempotency-key-reused", IDEMPOTENCY_KEY);

        before.assertNothingWritten();
    }

    @Test
    void aRefusedRequestDoesNotUseUpItsKey() {
        String pumpId = pumpDueForHeparin();
        String key = newKey();
        Db.Snapshot before = db.snapshot(pumpId);
        post(pumpId, key, fill(Api.now(), "CHEMOTHERAPY", FULL_ML)).then().statusCode(422);
        before.assertNothingWritten();

        post(pumpId, key, fill(Api.now(), "HEPARIN", FULL_ML)).then().statusCode(201).header(REPLAYED, nullValue());
    }

    @Test
    void withoutAKeyARepeatIsRefusedAsNotAfterTheLatestFill() {
        String pumpId = pumpDueForHeparin();
        Map<String, Object> body = fill(Api.now(), "HEPARIN", FULL_ML);
        Api.recordFill(pumpId, body);
        Db.Snapshot afterFirst = db.snapshot(pumpId);

        Api.conflict(as(Tokens.nurse()).body(body).post(FILLS, pumpId), "fill-not-after-latest", "performedAt");

        afterFirst.assertNothingWritten();
    }

    @Test
    void concurrentRepeatsOfOneKeyWriteOneFill() throws Exception {
        String pumpId = pumpDueForHeparin();
        String key = newKey();
        Map<String, Object> body = fill(Api.now(), "HEPARIN", FULL_ML);
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_REPEATS);
        List<Response> answers = new ArrayList<>();
        try {
            List<Callable<Response>> repeats = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_REPEATS; i++) {
                repeats.add(() -> post(pumpId, key, body));
            }
            for (Future<Response> answer : pool.invokeAll(repeats)) {
                answers.add(answer.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(answers).extracting(Response::statusCode).containsOnly(201);
        assertThat(answers).extracting(answer -> answer.jsonPath().getString("id")).containsOnly(
                answers.get(0).jsonPath().getString("id"));
        assertThat(answers).filteredOn(answer -> answer.header(REPLAYED) == null).hasSize(1);
        assertThat(db.count("fill", "pump_id", pumpId)).isEqualTo(2);
    }

    @Test
    void aKeyLongerThan255CharactersIsInvalid() {
        String pumpId = pumpDueForHeparin();
        Db.Snapshot before = db.snapshot(pumpId);

        invalid(post(pumpId, "k".repeat(256), fill(Api.now(), "HEPARIN", FULL_ML)), IDEMPOTENCY_KEY);

        before.assertNothingWritten();
    }

    @Test
    void aKeyWithSpacesIsInvalid() {
        String pumpId = pumpDueForHeparin();
        Db.Snapshot before = db.snapshot(pumpId);

        invalid(post(pumpId, "two words", fill(Api.now(), "HEPARIN", FULL_ML)), IDEMPOTENCY_KEY);

        before.assertNothingWritten();
    }
}
