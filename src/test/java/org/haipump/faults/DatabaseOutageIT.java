package org.haipump.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.haipump.faults.PostgresCluster.StopMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PostgreSQL stops while clients read and write: readiness turns DOWN, every request fails fast
 * with a 503 problem (never a 500, a hang or a stack trace), and when PostgreSQL is back the same
 * process recovers by itself: readiness UP, requests succeed, and the Quartz job store fires the
 * scan again, which flags a pump that fell due during the outage. Once with a clean shutdown of
 * the database ({@code fast}), once with a crash ({@code immediate}).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DatabaseOutageIT {

    private static final String SCENARIO = "outage";
    private static final String DATABASE = "outage";
    private static final int CLIENTS = 4;
    private static final Duration START_AT_MOST = Duration.ofSeconds(120);
    /**
     * No request may take longer than this, outage or not: the pool's acquisition timeout. Measured
     * while down: 1 to 2 s, since Agroal lets a request queue up to a second behind another one
     * that is trying to connect.
     */
    private static final Duration FAIL_FAST = Duration.ofSeconds(5);
    /** The client gives up later than that, so that a slow answer is measured rather than cut off. */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration OUTAGE = Duration.ofSeconds(5);
    private static final Duration DUE_AFTER_STOP = Duration.ofSeconds(3);
    private static final Duration RECOVERY_AT_MOST = Duration.ofSeconds(30);
    private static final Duration CATCH_UP_AT_MOST = Duration.ofSeconds(60);

    private static PostgresCluster postgres;
    private static ServiceProcess service;
    private static ServiceApi api;
    private static Instant fillsFrom;

    @BeforeAll
    static void startTheServiceOnAPrivatePostgres() {
        postgres = PostgresCluster.create(SCENARIO);
        postgres.createDatabase(DATABASE);
        service = new ServiceProcess(SCENARIO, postgres.jdbcUrl(DATABASE), Map.of("HAI_OVERDUE_SCAN_EVERY", "2s"));
        long started = System.nanoTime();
        service.start().awaitReady(START_AT_MOST);
        FaultReport.line(SCENARIO, "service ready in " + Await.secondsSince(started) + " s");
        api = new ServiceApi(service);
        fillsFrom = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    }

    @AfterAll
    static void killEverything() {
        Teardown.closeAll(service, postgres);
    }

    @ParameterizedTest(name = "pg_ctl stop -m {0}")
    @EnumSource(StopMode.class)
    void requestsFailFastWhileThePostgresIsDownAndTheServiceRecoversByItself(StopMode mode) throws Exception {
        String scenario = SCENARIO + " " + mode.name().toLowerCase();
        Sql db = new Sql(postgres, DATABASE);
        String latePump = api.newPump();
        Map<String, Load.Client> clients = new LinkedHashMap<>();
        for (int c = 0; c < CLIENTS; c++) {
            clients.put(mode.name().toLowerCase() + "-" + c, client(api.newPump()));
        }

        Instant lateDueAt;
        long stopped;
        long downAfterStop;
        long restarting;
        Instant restartedAt;
        long started;
        long readyAgain;
        long firstSuccess;
        long settled;
        Load load = Load.start(clients);
        try {
            Await.until(RECOVERY_AT_MOST, "requests to succeed before the outage",
                    () -> load.matching(Load.Sample::successful).size() >= 20 ? true : null);

            Instant lateFilledAt = Instant.now().truncatedTo(ChronoUnit.SECONDS)
                    .minus(ServiceApi.REFILL_INTERVAL).plus(DUE_AFTER_STOP);
            api.recordFill(latePump, ServiceApi.fill(lateFilledAt, "CHEMOTHERAPY"), "late-" + latePump);
            lateDueAt = lateFilledAt.plus(ServiceApi.REFILL_INTERVAL);

            postgres.stop(mode);
            stopped = System.nanoTime();
            assertThat(lateDueAt).as("the late pump was not yet due when PostgreSQL stopped").isAfter(Instant.now());
            downAfterStop = Await.until(RECOVERY_AT_MOST, "readiness to report DOWN",
                    () -> service.readinessStatus() == 503 ? System.nanoTime() : null);
            Await.until(OUTAGE.plusSeconds(30), "an outage of " + OUTAGE.toSeconds()
                            + " s under load, past the late pump's due time",
                    () -> System.nanoTime() - stopped > OUTAGE.toNanos() && Instant.now().isAfter(lateDueAt)
                            && load.within(stopped, System.nanoTime()).size() >= 2 * CLIENTS ? true : null);

            restarting = System.nanoTime();
            restartedAt = Instant.now();
            postgres.start();
            started = System.nanoTime();
            readyAgain = Await.until(RECOVERY_AT_MOST, "readiness to report UP again without a restart",
                    () -> service.readinessStatus() == 200 ? System.nanoTime() : null);
            firstSuccess = Await.until(RECOVERY_AT_MOST, "a request to succeed again", () ->
                    load.matching(s -> s.startedNanos() > started && s.successful()).stream()
                            .map(Load.Sample::endedNanos).min(Long::compare).orElse(null));
            settled = Await.until(RECOVERY_AT_MOST, "every client to succeed again", () -> {
                long now = System.nanoTime();
                List<Load.Sample> recent = load.within(now - Duration.ofSeconds(2).toNanos(), now);
                boolean allSucceed = recent.stream().allMatch(Load.Sample::successful)
                        && recent.stream().map(Load.Sample::client).distinct().count() == CLIENTS;
                return allSucceed ? now : null;
            });
            Await.until(RECOVERY_AT_MOST, "more requests after the recovery",
                    () -> load.matching(s -> s.startedNanos() > settled).size() >= 3 * CLIENTS ? true : null);
        } finally {
            load.close();
        }

        List<Load.Sample> all = load.samples();
        assertThat(all).as("requests that got no answer within " + CLIENT_TIMEOUT.toSeconds() + " s")
                .filteredOn(s -> !s.answered()).isEmpty();
        assertThat(all).as("answers other than 2xx and 503")
                .filteredOn(s -> !s.successful() && s.reply().status() != 503).isEmpty();
        List<Load.Sample> unavailable = load.matching(s -> s.reply() != null && s.reply().status() == 503);
        for (Load.Sample sample : unavailable) {
            Http.Reply reply = sample.reply();
            assertThat(reply.contentType()).as(sample.toString()).startsWith("application/problem+json");
            assertThat(reply.json().path("type").asText()).as(sample.toString()).isEqualTo("/problems/unavailable");
            assertThat(reply.header("Retry-After")).as(sample.toString()).isEqualTo("5");
            assertThat(reply.body()).as("a 503 problem quotes no exception, driver or SQL")
                    .doesNotContain("Exception", "\tat ", "org.", "SQL", "127.0.0.1");
        }
        Load.Sample slowest = all.stream().max((a, b) -> Double.compare(a.millis(), b.millis())).orElseThrow();
        assertThat(slowest.millis()).as("the slowest request, " + slowest).isLessThanOrEqualTo(FAIL_FAST.toMillis());

        List<Load.Sample> whileDown = load.within(stopped, restarting);
        assertThat(whileDown).as("requests while PostgreSQL was down").isNotEmpty()
                .allMatch(s -> s.reply().status() == 503, "503");
        List<Load.Sample> afterRecovery = load.matching(s -> s.startedNanos() > settled);
        assertThat(afterRecovery).as("requests after the recovery").isNotEmpty().allMatch(Load.Sample::successful, "2xx");
        assertThat(service.logLines()).as("unexpected failures in the service log")
                .filteredOn(line -> line.contains("Unexpected failure") || line.contains("Unexpected database failure"))
                .isEmpty();

        // Quartz's job store recovered too: the scan runs again and flags the pump that fell due meanwhile.
        List<JsonNode> flags = Await.until(CATCH_UP_AT_MOST, "the scan to flag the pump that fell due during the outage",
                () -> {
                    List<JsonNode> open = api.openOverdueFlags(latePump);
                    return open.isEmpty() ? null : open;
                });
        assertThat(flags).hasSize(1);
        Instant raisedAt = Instant.parse(flags.get(0).path("raisedAt").asText());
        assertThat(raisedAt).as("raised once PostgreSQL was back").isAfterOrEqualTo(restartedAt);
        assertThat(db.count("""
                select count(*) from (select pump_id, cycle_fill_id from flag where kind = 'REFILL_OVERDUE'
                                      group by 1, 2 having count(*) > 1) duplicates
                """)).as("duplicate overdue flags").isZero();

        double slowestWhileDown = whileDown.stream().mapToDouble(Load.Sample::millis).max().orElse(0);
        FaultReport.line(scenario, "requests=" + all.size() + " 503=" + unavailable.size() + " while down="
                + whileDown.size() + "; slowest request " + Math.round(slowest.millis()) + " ms, slowest while down "
                + Math.round(slowestWhileDown) + " ms");
        FaultReport.line(scenario, "readiness DOWN " + ms(stopped, downAfterStop) + " ms after PostgreSQL stopped; "
                + "after it started: readiness UP in " + ms(started, readyAgain) + " ms, first 2xx in "
                + ms(started, firstSuccess) + " ms, every client 2xx in " + ms(started, settled)
                + " ms, pump due during the outage flagged in "
                + Duration.between(restartedAt, raisedAt).toMillis() + " ms");
    }

    private static Load.Client client(String pumpId) {
        String scheduler = api.schedulerToken();
        return iteration -> switch (iteration % 3) {
            case 0 -> api.get("/api/v1/worklist", CLIENT_TIMEOUT);
            case 1 -> Http.get(service.uri("/api/v1/pumps/" + pumpId), scheduler, CLIENT_TIMEOUT);
            default -> api.recordFill(pumpId, ServiceApi.fill(nextFillTime(), iteration % 2 == 0 ? "HEPARIN"
                    : "CHEMOTHERAPY"), "load-" + pumpId + "-" + iteration, CLIENT_TIMEOUT);
        };
    }

    private static synchronized Instant nextFillTime() {
        fillsFrom = fillsFrom.plusSeconds(10);
        return fillsFrom;
    }

    private static long ms(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }
}
