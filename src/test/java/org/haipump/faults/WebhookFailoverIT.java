package org.haipump.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Two instances of the service on one database send webhooks as one, by their claims on the
 * delivery rows alone: each event of a burst is sent once, never by both nodes; and when the node
 * sending an event is killed with SIGKILL before the receiver answers, the other node sends it
 * again once the dead node's claim has lapsed, with the same {@code webhook-id}, so that the
 * receiver hands it to its application once.
 *
 * <p>The nodes form one Quartz cluster, as in production; the dispatcher runs on each node's own
 * scheduler, every second, so both nodes dispatch at once and only the claims keep them apart.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookFailoverIT {

    private static final String SCENARIO = "webhooks";
    private static final String DATABASE = "webhooks";
    private static final Duration START_AT_MOST = Duration.ofSeconds(120);
    private static final Duration DISPATCH_EVERY = Duration.ofSeconds(1);
    /** Attempt timeout 3 s plus the claim's margin of 5 s: a dead node's claim lapses 8 s after it was taken. */
    private static final Map<String, String> WEBHOOKS = Map.of("HAI_WEBHOOKS_ALLOW_HTTP", "true",
            "HAI_WEBHOOKS_DISPATCH_EVERY", DISPATCH_EVERY.toSeconds() + "s", "HAI_WEBHOOKS_RETRY_INITIAL_DELAY", "1s",
            "HAI_WEBHOOKS_ATTEMPT_TIMEOUT", "3s");
    /**
     * A receiver's usual latency. Each endpoint gets one event at a time, so the burst keeps the
     * dispatchers busy for some periods: each node then fires while the other's requests are in flight.
     */
    private static final Duration RECEIVER_WORK = Duration.ofMillis(150);
    private static final int BURST_ENDPOINTS = 2;
    private static final int BURST_EVENTS = 36;
    private static final int SCHEDULERS = 4;
    private static final Duration BURST_AT_MOST = Duration.ofSeconds(30);
    private static final Duration HELD_AT_MOST = Duration.ofSeconds(20);
    private static final Duration REDELIVERED_AT_MOST = Duration.ofSeconds(30);
    /** Once the claim has lapsed: a dispatch period and the survivor's round in progress. */
    private static final Duration TAKEN_OVER_AT_MOST = Duration.ofSeconds(5);

    private static PostgresCluster postgres;
    private static ServiceProcess nodeA;
    private static ServiceProcess nodeB;
    private static WebhookReceiver receiver;
    private static Sql db;

    @BeforeAll
    static void startTwoNodesOnOneDatabase() throws Exception {
        postgres = PostgresCluster.create(SCENARIO);
        postgres.createDatabase(DATABASE);
        db = new Sql(postgres, DATABASE);
        receiver = new WebhookReceiver(RECEIVER_WORK);
        nodeA = node("node-a");
        nodeB = node("node-b");
        long started = System.nanoTime();
        // One after the other: two nodes that start at once on an empty Quartz store may both try to
        // store a job, and one of them then fails to start (docs/operations.md).
        nodeA.start().awaitReady(START_AT_MOST);
        nodeB.start().awaitReady(START_AT_MOST);
        FaultReport.line(SCENARIO, "two nodes ready in " + Await.secondsSince(started) + " s");
    }

    private static ServiceProcess node(String name) {
        Map<String, String> settings = new HashMap<>(WEBHOOKS);
        // The claims name the node by its Quartz instance id.
        settings.put("QUARKUS_QUARTZ_INSTANCE_ID", name);
        return new ServiceProcess(SCENARIO + "-" + name, postgres.jdbcUrl(DATABASE), settings);
    }

    @AfterAll
    static void stopEverything() {
        Teardown.closeAll(nodeA, nodeB, receiver, postgres);
    }

    @Test
    @Order(1)
    void withBothNodesDispatchingEachEventOfABurstIsSentOnce() throws Exception {
        ServiceApi apiA = new ServiceApi(nodeA);
        ServiceApi apiB = new ServiceApi(nodeB);
        List<String> endpoints = new ArrayList<>();
        List<String> partners = new ArrayList<>();
        for (int i = 0; i < BURST_ENDPOINTS; i++) {
            String endpoint = "burst-" + i;
            ServiceApi.Partner partner = apiA.newPartner(receiver.url(endpoint));
            receiver.secret(endpoint, partner.webhookSecret());
            endpoints.add(endpoint);
            partners.add(partner.id());
        }
        List<String> patients = new ArrayList<>();
        for (int i = 0; i < BURST_EVENTS; i++) {
            patients.add((i % 2 == 0 ? apiA : apiB).newPatient());
        }
        long deliveredByA = apiA.webhookAttempts("delivered");
        long deliveredByB = apiB.webhookAttempts("delivered");

        // Schedulers assign the patients through both nodes at once: one partner.assigned each.
        long started = System.nanoTime();
        ExecutorService schedulers = Executors.newFixedThreadPool(SCHEDULERS);
        try {
            List<Future<?>> assigned = new ArrayList<>();
            for (int i = 0; i < BURST_EVENTS; i++) {
                ServiceApi api = i % 2 == 0 ? apiA : apiB;
                String patientId = patients.get(i);
                String partnerId = partners.get(i % BURST_ENDPOINTS);
                assigned.add(schedulers.submit(() -> {
                    api.assignPartner(patientId, partnerId);
                    return null;
                }));
            }
            for (Future<?> each : assigned) {
                each.get(ServiceApi.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            schedulers.shutdownNow();
        }
        double assignedIn = Await.secondsSince(started);
        String[] partnerIds = partners.toArray(String[]::new);
        Await.until(BURST_AT_MOST, "the " + BURST_EVENTS + " deliveries of the burst to end DELIVERED", () -> db.count("""
                select count(*) from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id
                where e.partner_id = any (?::uuid[]) and d.status = 'DELIVERED'""", (Object) partnerIds)
                == BURST_EVENTS ? true : null);
        double deliveredIn = Await.secondsSince(started);

        List<WebhookReceiver.Attempt> requests = endpoints.stream().flatMap(e -> receiver.attempts(e).stream()).toList();
        assertThat(requests).as("requests of the burst").allMatch(WebhookReceiver.Attempt::validSignature);
        Map<String, Long> requestsById = requests.stream().collect(Collectors.groupingBy(WebhookReceiver.Attempt::id,
                Collectors.counting()));
        assertThat(requestsById).as("events of the burst received").hasSize(BURST_EVENTS);
        assertThat(requestsById).as("requests per webhook-id").allSatisfy((id, count) -> assertThat(count).isOne());
        // Attempts are counted when claimed: a second claim shows here even before its request arrives.
        assertThat(db.strings("""
                select d.status || ' ' || d.attempts from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id
                where e.partner_id = any (?::uuid[])""", (Object) partnerIds))
                .as("deliveries of the burst: status and attempts").hasSize(BURST_EVENTS).containsOnly("DELIVERED 1");
        long byA = apiA.webhookAttempts("delivered") - deliveredByA;
        long byB = apiB.webhookAttempts("delivered") - deliveredByB;
        assertThat(byA + byB).as("deliveries the two nodes counted").isEqualTo(BURST_EVENTS);
        // Kept busy for two periods or more, each node fired at least twice meanwhile, and each firing
        // either met the other node's live claims or took events that the other's next firing met.
        Duration sending = Duration.ofMillis(db.count("""
                select (extract(epoch from max(d.delivered_at) - min(d.last_attempt_at)) * 1000)::bigint
                from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id
                where e.partner_id = any (?::uuid[])""", (Object) partnerIds));
        assertThat(sending).as("from the burst's first claim to its last answer")
                .isGreaterThanOrEqualTo(DISPATCH_EVERY.multipliedBy(2));
        FaultReport.line(SCENARIO, BURST_EVENTS + " events to " + BURST_ENDPOINTS + " endpoints (receiver "
                + RECEIVER_WORK.toMillis() + " ms per request), assigned in " + assignedIn + " s, each sent once in "
                + sending.toMillis() + " ms from the first claim to the last answer ("
                + Math.round(BURST_EVENTS * 10_000.0 / sending.toMillis()) / 10.0 + " deliveries/s), all delivered "
                + deliveredIn + " s after the first assignment; node-a sent " + byA + ", node-b " + byB);
    }

    @Test
    @Order(2)
    void anEventWhoseSenderIsKilledMidDeliveryIsSentAgainWithTheSameIdByTheOtherNode() throws Exception {
        ServiceApi apiA = new ServiceApi(nodeA);
        String endpoint = "kill";
        ServiceApi.Partner partner = apiA.newPartner(receiver.url(endpoint));
        receiver.secret(endpoint, partner.webhookSecret());
        receiver.holdFirst(endpoint);
        apiA.assignPartner(apiA.newPatient(), partner.id());

        WebhookReceiver.Attempt first = Await.until(HELD_AT_MOST, "the receiver to hold the event's first request",
                () -> receiver.attempts(endpoint).isEmpty() ? null : receiver.attempts(endpoint).get(0));
        List<String> claim = db.strings("""
                select d.claimed_by || ' ' || (extract(epoch from d.claimed_until) * 1000)::bigint
                from webhook_delivery d join outbox_event o on o.seq = d.event_seq
                where o.id = ? and d.status = 'PENDING' and d.claimed_until > now()""", first.id());
        assertThat(claim).as("the live claim on the event whose request the receiver holds").hasSize(1);
        String sender = claim.get(0).split(" ")[0];
        Instant claimedUntil = Instant.ofEpochMilli(Long.parseLong(claim.get(0).split(" ")[1]));
        assertThat(sender).as("the node that holds the claim").isIn("node-a", "node-b");
        ServiceProcess victim = sender.equals("node-a") ? nodeA : nodeB;
        ServiceApi survivor = new ServiceApi(victim == nodeA ? nodeB : nodeA);
        long deliveredBySurvivor = survivor.webhookAttempts("delivered");
        victim.kill();
        Instant killedAt = Instant.now();

        WebhookReceiver.Attempt again = Await.until(REDELIVERED_AT_MOST, "the event to be sent again after the kill",
                () -> receiver.attempts(endpoint).size() < 2 ? null : receiver.attempts(endpoint).get(1));
        Await.until(REDELIVERED_AT_MOST, "the delivery to end DELIVERED", () -> db.count("""
                select count(*) from webhook_delivery d join outbox_event o on o.seq = d.event_seq
                where o.id = ? and d.status = 'DELIVERED'""", first.id()) == 1 ? true : null);

        assertThat(List.of(first, again)).as("both requests").allMatch(WebhookReceiver.Attempt::validSignature);
        assertThat(again.id()).as("webhook-id of the second request").isEqualTo(first.id());
        assertThat(again.body()).as("body of the second request").isEqualTo(first.body());
        assertThat(again.at()).as("the second request, against the dead node's claim")
                .isAfterOrEqualTo(claimedUntil).isBefore(claimedUntil.plus(TAKEN_OVER_AT_MOST));
        assertThat(receiver.handed(endpoint)).as("events handed to the receiver's application").hasSize(1);
        assertThat(db.strings("""
                select d.attempts || ' ' || coalesce(d.claimed_by, '-') || ' ' || d.last_status_code
                from webhook_delivery d join outbox_event o on o.seq = d.event_seq where o.id = ?""", first.id()))
                .as("attempts, claimed_by and last status code of the delivery").containsExactly("2 - 204");
        assertThat(survivor.webhookAttempts("delivered") - deliveredBySurvivor)
                .as("deliveries the surviving node counted").isOne();
        FaultReport.line(SCENARIO, "killed " + sender + " while the receiver held its request; its claim lapsed "
                + Duration.between(killedAt, claimedUntil).toMillis() + " ms after the kill and the other node sent "
                + "the event again " + Duration.between(killedAt, again.at()).toMillis() + " ms after the kill");
    }
}
