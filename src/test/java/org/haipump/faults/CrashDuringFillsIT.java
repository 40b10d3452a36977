package org.haipump.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The service is killed with SIGKILL while several nurses record fills on many pumps, then started
 * again: every fill it answered 201 is there, nothing is half-written (no fill is without its
 * audit record), an unanswered request retried with its Idempotency-Key yields exactly one fill,
 * and the overdue scan catches up with a pump that fell due while the service was down.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CrashDuringFillsIT {

    private static final String SCENARIO = "crash";
    private static final String DATABASE = "crash";
    private static final int CLIENTS = 4;
    private static final int PUMPS_PER_CLIENT = 5;
    /** Kill once this many fills were answered, or after {@link #STREAM_AT_MOST}. */
    private static final int KILL_AFTER_FILLS = 120;
    private static final Duration STREAM_AT_MOST = Duration.ofSeconds(15);
    /** The late pump falls due this long after its fill is recorded, just before the kill. */
    private static final Duration DUE_AFTER_KILL = Duration.ofSeconds(8);
    private static final Duration START_AT_MOST = Duration.ofSeconds(120);
    /**
     * A scan period (2 s) plus Quartz's take-over of the trigger that the killed instance held: its
     * check-in must go stale first (check-in interval 5 s + 7.5 s).
     */
    private static final Duration CATCH_UP_AT_MOST = Duration.ofSeconds(60);

    private static PostgresCluster postgres;
    private static ServiceProcess service;

    /** One posted fill: what was sent, and the fill id if the service answered 201. */
    record PostedFill(String pumpId, String key, Map<String, Object> body, String fillId) {
    }

    @BeforeAll
    static void startTheServiceOnItsOwnDatabase() {
        postgres = PostgresCluster.create(SCENARIO);
        postgres.createDatabase(DATABASE);
        service = new ServiceProcess(SCENARIO, postgres.jdbcUrl(DATABASE), Map.of("HAI_OVERDUE_SCAN_EVERY", "2s"));
        long started = System.nanoTime();
        service.start().awaitReady(START_AT_MOST);
        FaultReport.line(SCENARIO, "service ready in " + Await.secondsSince(started) + " s");
    }

    @AfterAll
    static void killEverything() {
        Teardown.closeAll(service, postgres);
    }

    @Test
    void everyAnsweredFillSurvivesAKillAndTheScanCatchesUpAfterTheRestart() throws Exception {
        ServiceApi api = new ServiceApi(service);
        Sql db = new Sql(postgres, DATABASE);
        Instant base = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);

        // Each client owns its pumps, so that every refusal would be a defect, not a race between clients.
        List<List<String>> pumpsByClient = new ArrayList<>();
        List<PostedFill> seeded = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            List<String> pumps = new ArrayList<>();
            for (int p = 0; p < PUMPS_PER_CLIENT; p++) {
                String pumpId = api.newPump();
                Map<String, Object> first = ServiceApi.fill(base, drug(0));
                String key = key(pumpId, 0);
                seeded.add(new PostedFill(pumpId, key, first, api.recordFill(pumpId, first, key)));
                pumps.add(pumpId);
            }
            pumpsByClient.add(pumps);
        }
        String latePump = api.newPump();

        ConcurrentLinkedQueue<PostedFill> answered = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<PostedFill> unanswered = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        FillStream stream = new FillStream(api, base, answered, unanswered, unexpected);
        List<Thread> clients = new ArrayList<>();
        for (List<String> pumps : pumpsByClient) {
            Thread client = new Thread(() -> stream.post(pumps), "nurse-" + clients.size());
            client.setDaemon(true);
            client.start();
            clients.add(client);
        }

        long streamStarted = System.nanoTime();
        Await.until(STREAM_AT_MOST.plusSeconds(5), "fills to be answered before the kill", () ->
                answered.size() >= KILL_AFTER_FILLS || System.nanoTime() - streamStarted > STREAM_AT_MOST.toNanos()
                        ? true : null);
        assertThat(unexpected).as("answers other than 201 before the kill").isEmpty();
        assertThat(answered).as("fills answered before the kill (the machine is very slow otherwise)").hasSizeGreaterThan(10);

        // A pump that falls due while the service is down.
        Instant lateFilledAt = Instant.now().truncatedTo(ChronoUnit.SECONDS)
                .minus(ServiceApi.REFILL_INTERVAL).plus(DUE_AFTER_KILL);
        api.recordFill(latePump, ServiceApi.fill(lateFilledAt, "CHEMOTHERAPY"), "late-" + latePump);
        Instant lateDueAt = lateFilledAt.plus(ServiceApi.REFILL_INTERVAL);

        stream.killing = true;
        service.kill();
        Instant killedAt = Instant.now();
        int answeredAtKill = answered.size();
        for (Thread client : clients) {
            client.join(Duration.ofSeconds(60).toMillis());
            assertThat(client.isAlive()).as(client.getName() + " stopped after the kill").isFalse();
        }
        assertThat(unexpected).as("answers other than 201, or failures before the kill").isEmpty();
        assertThat(lateDueAt).as("the late pump was not yet due when the service died").isAfter(killedAt);
        FaultReport.line(SCENARIO, "killed after " + Await.secondsSince(streamStarted) + " s of fills: answered="
                + answeredAtKill + " in flight (unanswered)=" + unanswered.size());

        Await.until(DUE_AFTER_KILL.plusSeconds(30), "the late pump's due time to pass while the service is down",
                () -> Instant.now().isAfter(lateDueAt) ? true : null);
        Instant restartedAt = Instant.now();
        service.start().awaitReady(START_AT_MOST);
        Instant readyAt = Instant.now();

        // Every fill answered 201 is there, through the API and in the table.
        for (PostedFill fill : answered) {
            Http.Reply reply = api.get("/api/v1/pumps/" + fill.pumpId() + "/fills/" + fill.fillId(), ServiceApi.TIMEOUT);
            assertThat(reply.status()).as("answered fill " + fill.fillId() + " read after the restart: " + reply)
                    .isEqualTo(200);
        }
        String[] answeredIds = answered.stream().map(PostedFill::fillId).toArray(String[]::new);
        assertThat(db.count("select count(*) from fill where id::text = any(?)", (Object) answeredIds))
                .as("answered fills in the fill table").isEqualTo(answeredIds.length);

        // A request that got no answer is retried with its key: at most one fill results, whatever happened.
        int committedBeforeKill = 0;
        for (PostedFill fill : unanswered) {
            List<String> stored = db.strings("select fill_id::text from idempotency_record where idempotency_key = ?",
                    fill.key());
            Http.Reply retry = api.recordFill(fill.pumpId(), fill.body(), fill.key(), ServiceApi.TIMEOUT);
            assertThat(retry.status()).as("retry of an unanswered fill: " + retry).isEqualTo(201);
            if (!stored.isEmpty()) {
                committedBeforeKill++;
                assertThat(retry.header("Idempotent-Replayed")).as("retry of a fill committed before the kill")
                        .isEqualTo("true");
                assertThat(retry.json().path("id").asText()).isEqualTo(stored.get(0));
            }
        }
        FaultReport.line(SCENARIO, "unanswered fills that had committed before the kill: " + committedBeforeKill
                + " of " + unanswered.size());

        // Nothing half-written: every fill has its idempotency record and its pump's update.
        Set<String> keysSent = new HashSet<>();
        seeded.forEach(f -> keysSent.add(f.key()));
        answered.forEach(f -> keysSent.add(f.key()));
        unanswered.forEach(f -> keysSent.add(f.key()));
        keysSent.add("late-" + latePump);
        assertThat(new HashSet<>(db.strings("select idempotency_key from idempotency_record")))
                .as("one idempotency record per key sent, none other").isEqualTo(keysSent);
        assertThat(db.count("select count(*) from fill")).as("one fill per key sent").isEqualTo(keysSent.size());
        assertThat(db.strings("""
                select r.idempotency_key from idempotency_record r join fill f on f.id = r.fill_id
                where f.pump_id <> r.pump_id or r.response_status <> 201
                   or cast(r.response_body as jsonb) ->> 'id' <> f.id::text
                """)).as("idempotency records that disagree with their fill").isEmpty();
        assertThat(db.strings("""
                select p.id::text from pump p
                join lateral (select f.id, f.performed_at, f.drug from fill f where f.pump_id = p.id
                              order by f.performed_at desc limit 1) latest on true
                where p.last_fill_id is distinct from latest.id
                   or p.next_due_at is distinct from latest.performed_at + interval '14 days'
                   or p.reserve_ends_at is distinct from latest.performed_at + interval '16 days'
                   or p.next_drug is distinct from
                      case latest.drug when 'CHEMOTHERAPY' then 'HEPARIN' else 'CHEMOTHERAPY' end
                """)).as("pumps whose stored cycle state is not that of their latest fill").isEmpty();

        // A fill and its audit record commit together: neither is there without the other.
        assertThat(db.strings("""
                select f.id::text from fill f
                where not exists (select 1 from audit_event a where a.resource_id = f.id::text
                                  and a.operation = 'POST /api/v1/pumps/{pumpId}/fills' and a.status = 201)
                """)).as("fills without their audit record").isEmpty();
        assertThat(db.strings("""
                select a.resource_id from audit_event a
                where a.operation = 'POST /api/v1/pumps/{pumpId}/fills' and a.status = 201
                  and not exists (select 1 from fill f where f.id::text = a.resource_id)
                """)).as("audit records of fills that are not there").isEmpty();

        // The scan catches up with the pump that fell due while the service was down.
        List<JsonNode> flags = Await.until(CATCH_UP_AT_MOST,
                "the restarted service to flag the pump that fell due while it was down", () -> {
                    List<JsonNode> open = api.openOverdueFlags(latePump);
                    return open.isEmpty() ? null : open;
                });
        assertThat(flags).hasSize(1);
        Instant raisedAt = Instant.parse(flags.get(0).path("raisedAt").asText());
        assertThat(Instant.parse(flags.get(0).path("dueAt").asText())).isEqualTo(lateDueAt);
        // Due only after the kill, so no run of the killed service can have raised it.
        assertThat(raisedAt).as("raised after the due time that fell while the service was down")
                .isAfterOrEqualTo(lateDueAt);
        FaultReport.line(SCENARIO, "pump due while down flagged " + seconds(restartedAt, raisedAt)
                + " s after the restart began (ready after " + seconds(restartedAt, readyAt) + " s)");
        assertThat(db.count("""
                select count(*) from (select pump_id, cycle_fill_id from flag where kind = 'REFILL_OVERDUE'
                                      group by 1, 2 having count(*) > 1) duplicates
                """)).as("duplicate overdue flags").isZero();
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private static String drug(int index) {
        return index % 2 == 0 ? "CHEMOTHERAPY" : "HEPARIN";
    }

    private static String key(String pumpId, int index) {
        return "fill-" + pumpId + "-" + index;
    }

    /** The nurses' stream of fills: each client posts to its own pumps in turn until the service dies. */
    private static final class FillStream {

        private final ServiceApi api;
        private final Instant base;
        private final ConcurrentLinkedQueue<PostedFill> answered;
        private final ConcurrentLinkedQueue<PostedFill> unanswered;
        private final ConcurrentLinkedQueue<String> unexpected;
        volatile boolean killing;

        FillStream(ServiceApi api, Instant base, ConcurrentLinkedQueue<PostedFill> answered,
               ConcurrentLinkedQueue<PostedFill> unanswered, ConcurrentLinkedQueue<String> unexpected) {
            this.api = api;
            this.base = base;
            this.answered = answered;
            this.unanswered = unanswered;
            this.unexpected = unexpected;
        }

        void post(List<String> pumps) {
            for (int index = 1; ; index++) {
                for (String pumpId : pumps) {
                    // A minute apart, so that a pump takes hundreds of fills and stays in the past.
                    Map<String, Object> body = ServiceApi.fill(base.plus(Duration.ofMinutes(index)), drug(index));
                    String key = key(pumpId, index);
                    try {
                        Http.Reply reply = api.recordFill(pumpId, body, key, ServiceApi.TIMEOUT);
                        if (reply.status() != 201) {
                            unexpected.add(key + ": " + reply);
                            return;
                        }
                        answered.add(new PostedFill(pumpId, key, body, reply.json().path("id").asText()));
                    } catch (IOException e) {
                        unanswered.add(new PostedFill(pumpId, key, body, null));
                        if (!killing) {
                            unexpected.add(key + ": " + e + " before the kill");
                        }
                        return;
                    }
                }
            }
        }
    }
}
