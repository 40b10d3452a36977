package org.haipump.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The service's database connections stall: their PostgreSQL backends are stopped (SIGSTOP), so
 * that they neither answer nor close, as behind a frozen network path. Each stalled connection
 * costs the one request that meets it a 503 problem after the driver's socket timeout; the pool
 * replaces it, and the other requests go on being answered.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StalledDatabaseIT {

    private static final String SCENARIO = "stalled";
    private static final String DATABASE = "stalled";
    private static final int CLIENTS = 4;
    /** The driver's socket timeout in this test (45 s in production, application.properties). */
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STALL = Duration.ofSeconds(12);

    private static PostgresCluster postgres;
    private static ServiceProcess service;
    private static ServiceApi api;

    @BeforeAll
    static void startTheServiceOnAPrivatePostgres() {
        postgres = PostgresCluster.create(SCENARIO);
        postgres.createDatabase(DATABASE);
        service = new ServiceProcess(SCENARIO, postgres.jdbcUrl(DATABASE), Map.of(
                "QUARKUS_DATASOURCE_JDBC_ADDITIONAL_JDBC_PROPERTIES_SOCKETTIMEOUT",
                String.valueOf(SOCKET_TIMEOUT.toSeconds())));
        service.start().awaitReady(Duration.ofSeconds(120));
        api = new ServiceApi(service);
    }

    @AfterAll
    static void stop() {
        Teardown.closeAll(service, postgres);
    }

    @Test
    void aStalledConnectionCostsOneRequestA503NotThePool() throws Exception {
        Map<String, Load.Client> clients = new LinkedHashMap<>();
        for (int c = 0; c < CLIENTS; c++) {
            String pumpId = api.newPump();
            clients.put("client-" + c, iteration -> api.get("/api/v1/pumps/" + pumpId, CLIENT_TIMEOUT));
        }
        Sql db = new Sql(postgres, DATABASE);
        List<String> stalled;
        long stalledAt;
        long resumedAt;
        Load load = Load.start(clients);
        try {
            Await.until(Duration.ofSeconds(30), "requests to succeed before the stall",
                    () -> load.matching(Load.Sample::successful).size() >= 40 ? true : null);
            stalled = db.strings("select pid::text from pg_stat_activity where datname = ? and application_name = ?",
                    DATABASE, "hai-refill-scheduler");
            assertThat(stalled).as("the service's connections").isNotEmpty();
            signal("STOP", stalled);
            stalledAt = System.nanoTime();
            try {
                Thread.sleep(STALL.toMillis());
            } finally {
                resumedAt = System.nanoTime();
                // The backends wake to find their clients gone, and end.
                signal("CONT", stalled);
            }
            Await.until(Duration.ofSeconds(10), "more requests after the stall",
                    () -> load.matching(s -> s.startedNanos() > resumedAt).size() >= 10 ? true : null);
        } finally {
            load.close();
        }

        List<Load.Sample> all = load.samples();
        List<Load.Sample> unavailable = load.matching(s -> s.reply() != null && s.reply().status() == 503);
        assertThat(all).as("requests with no answer, or an answer other than 200 or 503")
                .filteredOn(s -> !s.answered() || (!s.successful() && s.reply().status() != 503)).isEmpty();
        assertThat(unavailable).as("requests that met a stalled connection").isNotEmpty()
                .hasSizeLessThanOrEqualTo(stalled.size());
        for (Load.Sample sample : unavailable) {
            assertThat(sample.reply().contentType()).as(sample.toString()).startsWith("application/problem+json");
            assertThat(sample.reply().json().path("type").asText()).isEqualTo("/problems/unavailable");
            assertThat(sample.millis()).as(sample.toString())
                    .isLessThan(SOCKET_TIMEOUT.plusSeconds(3).toMillis());
        }
        List<Load.Sample> duringTheStall = load.within(stalledAt + SOCKET_TIMEOUT.plusSeconds(2).toNanos(), resumedAt);
        assertThat(duringTheStall).as("requests answered while the stalled connections were still stopped")
                .filteredOn(Load.Sample::successful).isNotEmpty();
        assertThat(load.matching(s -> s.startedNanos() > resumedAt)).as("requests after the stall")
                .allMatch(Load.Sample::successful, "200");
        assertThat(service.readinessStatus()).isEqualTo(200);
        FaultReport.line(SCENARIO, "requests=" + all.size() + " stalled connections=" + stalled.size()
                + " 503=" + unavailable.size() + " answered during the stall=" + duringTheStall.size());
    }

    private static void signal(String signal, List<String> pids) throws IOException, InterruptedException {
        for (String pid : pids) {
            Process kill = new ProcessBuilder("kill", "-" + signal, pid).inheritIO().start();
            assertThat(kill.waitFor()).as("kill -" + signal + " " + pid).isZero();
        }
    }
}
