package org.haipump.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.APPOINTMENTS;
import static org.haipump.support.Api.ETAG;
import static org.haipump.support.Api.FILLS;
import static org.haipump.support.Api.FLAGS;
import static org.haipump.support.Api.FULL_ML;
import static org.haipump.support.Api.IF_MATCH;
import static org.haipump.support.Api.PROBLEM_JSON;
import static org.haipump.support.Api.PUMP;
import static org.haipump.support.Api.THERAPY_MODE;
import static org.haipump.support.Api.appointmentBody;
import static org.haipump.support.Api.as;
import static org.haipump.support.Api.daysAgo;
import static org.haipump.support.Api.decimal;
import static org.haipump.support.Api.etagOf;
import static org.haipump.support.Api.fill;
import static org.haipump.support.Api.sameInstant;
import static org.haipump.support.Api.with;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.haipump.flags.OverdueScan;
import org.haipump.cycle.CyclePolicy;
import org.haipump.cycle.Drug;
import org.haipump.cycle.FillFact;
import org.haipump.support.Api;
import org.haipump.support.Db;
import org.haipump.support.Race;
import org.haipump.support.Race.Answer;
import org.haipump.support.Tokens;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@value Race#CLIENTS} real HTTP clients at once against one pump, through the real service and
 * database: one request wins, every other one is refused cleanly (a 409 or 412 problem, never a
 * 500), and the pump's state is what the winner alone implies.
 */
@QuarkusTest
class RacingRequestsTest {

    private static final Logger LOG = Logger.getLogger(RacingRequestsTest.class);
    private static final int CLIENTS = Race.CLIENTS;
    /** A race between two kinds of request can fall either way: run it often enough to see both. */
    private static final int ROUNDS = 10;
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String ACKNOWLEDGEMENT = FLAGS + "/{id}/acknowledgement";

    @TestHTTPResource("/")
    URI base;

    @Inject
    Db db;

    @Inject
    OverdueScan scan;

    private Race race;

    @BeforeEach
    void clients() {
        race = new Race(base);
    }

    @Test
    void repeatsOfOneIdempotencyKeyRecordOneFillAndAllAnswerIt() {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "CHEMOTHERAPY");
        String key = "fill-" + UUID.randomUUID();
        Map<String, Object> body = fill(Api.now(), "HEPARIN", FULL_ML);
        String nurse = Tokens.nurse();

        List<Answer> answers = race.run(CLIENTS,
                i -> race.post(FILLS, nurse, body, pumpId).header(IDEMPOTENCY_KEY, key).build());

        assertEachIsASuccessOrACleanRefusal(answers);
        assertThat(answers).extracting(Answer::status).containsOnly(201);
        String fillId = answers.get(0).text("/id");
        assertThat(answers).extracting(answer -> answer.text("/id")).containsOnly(fillId);
        assertThat(answers).extracting(answer -> answer.header("Location")).containsOnly(answers.get(0).header("Location"));
        assertThat(answers).filteredOn(answer -> answer.header("Idempotent-Replayed") == null).hasSize(1);
        assertThat(db.count("fill", "pump_id", pumpId)).isEqualTo(2);
        assertThat(db.count("idempotency_record", "pump_id", pumpId)).isEqualTo(1);
    }

    /** The same refill sent from many devices, each a little differently: it is recorded once. */
    @Test
    void fillsOfTheSameRefillRecordOneAndRefuseTheOthersAsConflicts() {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "CHEMOTHERAPY");
        Instant performedAt = Api.now();
        String nurse = Tokens.nurse();

        List<Answer> answers = race.run(CLIENTS, i -> race.post(FILLS, nurse,
                        with(fill(performedAt, "HEPARIN", FULL_ML - 0.25 * i), "notes", "Reported by device " + i),
                        pumpId)
                .header(IDEMPOTENCY_KEY, "fill-" + UUID.randomUUID()).build());

        assertEachIsASuccessOrACleanRefusal(answers);
        Answer accepted = theOnlyOne(answers, 201);
        assertThat(refusalsBesides(answers, accepted)).allSatisfy(refused ->
                assertProblem(refused, 409, "fill-not-after-latest"));
        assertThat(db.count("fill", "pump_id", pumpId)).isEqualTo(2);
        assertThePumpFollowsTheOneFill(pumpId, accepted, performedAt);
    }

    /** Different fills, each sent with the tag of the pump as read before: only the first finds it unchanged. */
    @Test
    void differentFillsSentWithThePumpsTagRecordOneAndRefuseTheOthersAsStale() {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "CHEMOTHERAPY");
        String etag = etagOf(PUMP, pumpId);
        Instant latest = Api.now();
        String nurse = Tokens.nurse();

        List<Answer> answers = race.run(CLIENTS, i -> race.post(FILLS, nurse,
                        fill(latest.minusSeconds(i), "HEPARIN", FULL_ML), pumpId)
                .header(IDEMPOTENCY_KEY, "fill-" + UUID.randomUUID()).header(IF_MATCH, etag).build());

        assertEachIsASuccessOrACleanRefusal(answers);
        Answer accepted = theOnlyOne(answers, 201);
        assertThat(refusalsBesides(answers, accepted)).allSatisfy(refused ->
                assertProblem(refused, 412, "precondition-failed"));
        assertThePumpFollowsTheOneFill(pumpId, accepted, Instant.parse(accepted.text("/performedAt")));
    }

    @Test
    void bookingsOfOnePumpMakeOneAppointmentAndRefuseTheOthersAsConflicts() {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "CHEMOTHERAPY");
        Instant firstSlot = Api.now().plus(Duration.ofHours(1));
        String scheduler = Tokens.scheduler();

        List<Answer> answers = race.run(CLIENTS, i -> race.post(APPOINTMENTS, scheduler,
                appointmentBody(pumpId, firstSlot.plus(Duration.ofMinutes(15L * i)))).build());

        assertEachIsASuccessOrACleanRefusal(answers);
        Answer booked = theOnlyOne(answers, 201);
        assertThat(refusalsBesides(answers, booked)).allSatisfy(refused ->
                assertProblem(refused, 409, "open-appointment-exists"));
        List<Map<String, Object>> appointments = db.rows("appointment", "pump_id", pumpId);
        assertThat(appointments).hasSize(1);
        assertThat(appointments.get(0)).containsEntry("id", UUID.fromString(booked.text("/id")))
                .containsEntry("status", "BOOKED");
        assertThat(instant(appointments.get(0).get("starts_at")))
                .isEqualTo(Instant.parse(booked.text("/startsAt")));
    }

    /**
     * Nurses acknowledge a late pump's flag while the refill is being recorded. Either the flag is
     * acknowledged and then resolved by the fill, or it is resolved and the acknowledgement refused:
     * never an open flag, or an acknowledgement after the resolution, once the refill is accepted.
     */
    @Test
    void acknowledgementsRacingTheRefillOfALatePumpLeaveTheFlagResolvedByTheFill() {
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            String pumpId = Api.pumpFilledAt(daysAgo(15), "CHEMOTHERAPY");
            scan.runAt(Instant.now());
            List<Map<String, Object>> raised = overdueFlags(pumpId);
            assertThat(raised).as("the late pump's flag").hasSize(1);
            assertThat(raised.get(0)).containsEntry("status", "OPEN");
            String flagId = raised.get(0).get("id").toString();
            Instant performedAt = Api.now();
            String nurse = Tokens.nurse();

            List<HttpRequest> requests = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                requests.add(i % 2 == 0
                        ? race.post(ACKNOWLEDGEMENT, nurse, null, flagId).build()
                        : race.post(FILLS, nurse, fill(performedAt, "HEPARIN", FULL_ML), pumpId)
                                .header(IDEMPOTENCY_KEY, "fill-" + UUID.randomUUID()).build());
            }
            List<Answer> answers = race.run(requests);

            assertEachIsASuccessOrACleanRefusal(answers);
            List<Answer> fills = new ArrayList<>();
            List<Answer> acknowledgements = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                (i % 2 == 0 ? acknowledgements : fills).add(answers.get(i));
            }
            Answer accepted = theOnlyOne(fills, 201);
            assertThat(refusalsBesides(fills, accepted)).allSatisfy(refused ->
                    assertProblem(refused, 409, "fill-not-after-latest"));
            List<Answer> acknowledged = acknowledgements.stream().filter(a -> a.status() == 200).toList();
            assertThat(acknowledged).as("successful acknowledgements").hasSizeLessThanOrEqualTo(1);
            acknowledged.forEach(a -> assertThat(a.text("/status")).isEqualTo("OPEN"));
            assertThat(acknowledgements).filteredOn(a -> a.status() != 200).allSatisfy(refused -> {
                assertThat(refused.status()).isEqualTo(409);
                assertThat(refused.problemType()).isIn(
                        acknowledged.isEmpty() ? Set.of("/problems/flag-resolved")
                                : Set.of("/problems/flag-resolved", "/problems/flag-acknowledged"));
            });

            List<Map<String, Object>> flags = overdueFlags(pumpId);
            assertThat(flags).as("overdue flags after the race").hasSize(1);
            Map<String, Object> flag = flags.get(0);
            assertThat(flag).containsEntry("status", "RESOLVED").containsEntry("resolution", "REFILLED");
            if (acknowledged.isEmpty()) {
                assertThat(flag.get("acknowledged_at")).as("acknowledged_at").isNull();
                outcomes.merge("refilled first, acknowledgements refused", 1, Integer::sum);
            } else {
                assertThat(instant(flag.get("acknowledged_at"))).isBeforeOrEqualTo(instant(flag.get("resolved_at")));
                outcomes.merge("acknowledged, then resolved by the refill", 1, Integer::sum);
            }
            assertThat(db.rows("pump", "id", pumpId).get(0))
                    .containsEntry("last_fill_id", UUID.fromString(accepted.text("/id")));
        }
        LOG.infof("Acknowledgement against refill, %d rounds: %s", ROUNDS, outcomes);
    }

    @Test
    void modeChangesSentWithTheSameTagApplyOnce() {
        String pumpId = Api.pumpFilledAt(daysAgo(13), "CHEMOTHERAPY");
        String etag = etagOf(PUMP, pumpId);
        String nurse = Tokens.nurse();

        List<Answer> answers = race.run(CLIENTS, i -> race.post(THERAPY_MODE, nurse,
                Map.of("mode", "MAINTENANCE"), pumpId).header(IF_MATCH, etag).build());

        assertEachIsASuccessOrACleanRefusal(answers);
        Answer changed = theOnlyOne(answers, 200);
        assertThat(refusalsBesides(answers, changed)).allSatisfy(refused ->
                assertThat(refused.problemType()).isIn("/problems/precondition-failed", "/problems/concurrent-change"));
        assertThat(changed.header(ETAG)).isNotEqualTo(etag).isEqualTo(etagOf(PUMP, pumpId));
        as(Tokens.scheduler()).get(PUMP, pumpId).then().body("therapyMode", equalTo("MAINTENANCE"));
    }

    // ----------------------------------------------------------------------------------------------

    /** A success, or a 409 or 412 problem document: never a 500, a 503, or a refusal of another kind. */
    private static void assertEachIsASuccessOrACleanRefusal(List<Answer> answers) {
        assertThat(answers).allSatisfy(answer -> {
            if (answer.status() / 100 == 2) {
                return;
            }
            assertThat(answer.status()).as(answer.toString()).isIn(409, 412);
            assertThat(answer.contentType()).as(answer.toString()).startsWith(PROBLEM_JSON);
            assertThat(answer.text("/status")).isEqualTo(Integer.toString(answer.status()));
            assertThat(answer.problemType()).as(answer.toString()).startsWith("/problems/");
        });
    }

    private static Answer theOnlyOne(List<Answer> answers, int status) {
        List<Answer> winners = answers.stream().filter(answer -> answer.status() == status).toList();
        assertThat(winners).as("answers %d among %s", status, answers).hasSize(1);
        return winners.get(0);
    }

    private static List<Answer> refusalsBesides(List<Answer> answers, Answer winner) {
        List<Answer> others = answers.stream().filter(answer -> answer != winner).toList();
        assertThat(others).hasSize(answers.size() - 1);
        return others;
    }

    private static void assertProblem(Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.problemType()).as(answer.toString()).isEqualTo("/problems/" + type);
    }

    /** The pump's cycle is the one the accepted heparin fill implies, in the API and in its row. */
    private void assertThePumpFollowsTheOneFill(String pumpId, Answer accepted, Instant performedAt) {
        // The smaller fills run out less than the reserve after the interval: their refill is due sooner.
        Instant dueAt = CyclePolicy.DEFAULT.deadline(new FillFact(performedAt, Drug.HEPARIN,
                Double.parseDouble(accepted.text("/volumeMl"))), Api.NOMINAL_FLOW_ML_PER_DAY, false).dueAt();
        String fillId = accepted.text("/id");
        assertThat(db.count("fill", "pump_id", pumpId)).isEqualTo(2);
        assertThat(Instant.parse(accepted.text("/nextRefill/dueAt"))).isEqualTo(dueAt);
        as(Tokens.scheduler()).get(PUMP, pumpId).then().log().ifValidationFails()
                .body("lastFill.id", equalTo(fillId))
                .body("lastFill.volumeMl", decimal(Double.parseDouble(accepted.text("/volumeMl"))))
                .body("nextRefill.dueAt", sameInstant(dueAt))
                .body("nextRefill.drug", equalTo("CHEMOTHERAPY"));
        Map<String, Object> row = db.rows("pump", "id", pumpId).get(0);
        assertThat(row).containsEntry("last_fill_id", UUID.fromString(fillId)).containsEntry("next_drug", "CHEMOTHERAPY");
        assertThat(instant(row.get("next_due_at"))).isEqualTo(dueAt);
    }

    private List<Map<String, Object>> overdueFlags(String pumpId) {
        return db.rows("flag", "pump_id", pumpId).stream()
                .filter(flag -> "REFILL_OVERDUE".equals(flag.get("kind"))).toList();
    }

    private static Instant instant(Object timestamp) {
        return ((Timestamp) timestamp).toInstant();
    }
}
