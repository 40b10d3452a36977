package org.haipump.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.haipump.support.Api.as;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.haipump.support.Api;
import org.haipump.support.Metrics;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks to a real HTTP receiver on loopback: signed per the Standard Webhooks specification,
 * retried with a stable {@code webhook-id} until the receiver takes them, in order per endpoint,
 * and one dead endpoint holds back none of the others.
 */
@QuarkusTest
class WebhookDeliveryTest {

    @Inject
    AgroalDataSource dataSource;

    private final List<HttpServer> servers = new ArrayList<>();

    /** One attempt as the receiver saw it. */
    private record Attempt(String id, String timestamp, String signature, String body, boolean validSignature) {
    }

    /**
     * A partner's system: it checks each request's signature, answers 500 to its first
     * {@code failures} requests (the first after it had handled the event, as a crash before the
     * answer would), and hands each event to the application above it once, by {@code webhook-id}.
     */
    private final class Receiver {

        final List<Attempt> attempts = new CopyOnWriteArrayList<>();
        final List<String> handed = new CopyOnWriteArrayList<>();
        private final Set<String> seen = ConcurrentHashMap.newKeySet();
        private final AtomicInteger failuresLeft;
        private volatile String secret;
        final String url;

        Receiver(int failures) throws IOException {
            this.failuresLeft = new AtomicInteger(failures);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/hooks", this::handle);
            server.start();
            servers.add(server);
            url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
        }

        private void handle(HttpExchange exchange) throws IOException {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            boolean valid = secret != null && verifies(secret, id, timestamp, signature, body);
            attempts.add(new Attempt(id, timestamp, signature, body, valid));
            int status = 401;
            if (valid) {
                if (seen.add(id)) {
                    handed.add(body);
                }
                status = failuresLeft.getAndDecrement() > 0 ? 500 : 204;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        }
    }

    @AfterEach
    void stopReceivers() {
        servers.forEach(server -> server.stop(0));
    }

    private static boolean verifies(String secret, String id, String timestamp, String header, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String signature : header.split(" ")) {
                if (signature.startsWith("v1,")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** A partner whose endpoint is the receiver; answers its id and sets the receiver's secret. */
    private static String partnerReceivingAt(Receiver receiver) {
        Map<String, Object> body = Api.partnerBody();
        body.put("webhookUrl", receiver.url);
        var created = as(Tokens.admin()).body(body).post(Api.PARTNERS).then().statusCode(201).extract();
        receiver.secret = created.path("webhookSecret");
        return created.path("id");
    }

    @Test
    void aRefusingReceiverGetsEachEventAgainWithTheSameIdUntilItTakesItAndHandsItOnOnce() throws IOException {
        Receiver receiver = new Receiver(2);
        String partnerId = partnerReceivingAt(receiver);
        String patientId = Api.registerPatient();
        String pumpId = Api.pumpFilledAt(patientId, Api.daysAgo(10), "CHEMOTHERAPY", Api.FULL_ML);
        Api.assignPartner(patientId, partnerId);
        String appointmentId = Api.bookHomeVisit(pumpId, Api.daysAgo(10).plus(Api.REFILL_INTERVAL));

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.handed.size() == 2
                && receiver.attempts.size() >= 4);

        assertThat(receiver.handed).extracting(b -> b.contains("\"type\":\"partner.assigned\""),
                b -> b.contains("\"type\":\"appointment.booked\"")).containsExactly(
                tuple(true, false), tuple(false, true));
        assertThat(receiver.handed.get(1)).contains(appointmentId).doesNotContain(Api.GIVEN_NAME, Api.FAMILY_NAME);
        assertThat(receiver.attempts).allMatch(Attempt::validSignature);
        List<Attempt> first = receiver.attempts.stream().filter(a -> a.id().equals(receiver.attempts.get(0).id()))
                .toList();
        assertThat(first).hasSize(3).extracting(Attempt::body).containsOnly(first.get(0).body());
        assertThat(Long.parseLong(first.get(2).timestamp())).isGreaterThan(Long.parseLong(first.get(0).timestamp()));
        assertThat(receiver.attempts.get(3).id()).isNotEqualTo(first.get(0).id());

        List<String> feed = as(Tokens.partner(UUID.fromString(partnerId))).get(Api.PARTNER_EVENTS)
                .then().statusCode(200).extract().path("items.id");
        assertThat(receiver.attempts.stream().map(Attempt::id).distinct().toList()).isEqualTo(feed);

        String deliveries = Api.PARTNER_DELIVERIES;
        as(Tokens.admin()).get(deliveries, partnerId).then().statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(2))
                .body("items.eventId", org.hamcrest.Matchers.equalTo(List.of(feed.get(1), feed.get(0))))
                .body("items.status", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo("DELIVERED")))
                .body("items[1].attempts", org.hamcrest.Matchers.equalTo(3))
                .body("items[1].lastStatusCode", org.hamcrest.Matchers.equalTo(204));

        as(Tokens.admin()).post(Api.REDELIVERY, partnerId, feed.get(0)).then().statusCode(202)
                .body("status", org.hamcrest.Matchers.equalTo("PENDING"));
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.attempts.size() == 5);
        assertThat(receiver.attempts.get(4).id()).isEqualTo(feed.get(0));
        assertThat(receiver.handed).hasSize(2);
    }

    @Test
    void onlyThePartnersOwnEventsAreRedeliveredAndOnlyToAUrl() throws IOException {
        Receiver receiver = new Receiver(0);
        String partnerId = partnerReceivingAt(receiver);
        Map<String, Object> withoutUrl = Api.partnerBody();
        withoutUrl.remove("webhookUrl");
        String other = as(Tokens.admin()).body(withoutUrl).post(Api.PARTNERS).then().statusCode(201).extract().path("id");
        Api.assignPartner(Api.registerPatient(), other);
        String othersEvent = as(Tokens.partner(UUID.fromString(other))).get(Api.PARTNER_EVENTS)
                .then().statusCode(200).extract().path("items[0].id");
        String redelivery = Api.REDELIVERY;

        Api.notFound(as(Tokens.admin()).post(redelivery, partnerId, othersEvent));
        Api.notFound(as(Tokens.admin()).post(redelivery, partnerId, "evt_nothing"));
        Api.notFound(as(Tokens.admin()).post(redelivery, UUID.randomUUID(), othersEvent));
        Api.conflict(as(Tokens.admin()).post(redelivery, other, othersEvent), "no-webhook-url");
        Api.notFound(as(Tokens.admin()).get(Api.PARTNER_DELIVERIES, UUID.randomUUID()));
    }

    @Test
    void aDeadEndpointHoldsBackOnlyItsOwnEvents() throws IOException {
        Receiver dead = new Receiver(Integer.MAX_VALUE);
        Receiver alive = new Receiver(0);
        String deadPartner = partnerReceivingAt(dead);
        String alivePartner = partnerReceivingAt(alive);
        for (String partner : List.of(deadPartner, alivePartner)) {
            for (int i = 0; i < 3; i++) {
                Api.assignPartner(Api.registerPatient(), partner);
            }
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> alive.handed.size() == 3);

        assertThat(alive.attempts).hasSize(3);
        // The dead endpoint was tried on its oldest event only, again and again: order per endpoint.
        assertThat(dead.attempts).isNotEmpty().extracting(Attempt::id).containsOnly(dead.attempts.get(0).id());
    }

    @Test
    void anEventStillRefusedAtItsMaximumAgeIsDeadLetteredAndTheNextOneGoesAhead() throws Exception {
        Receiver dead = new Receiver(Integer.MAX_VALUE);
        String partnerId = partnerReceivingAt(dead);
        Api.assignPartner(Api.registerPatient(), partnerId);
        Api.assignPartner(Api.registerPatient(), partnerId);
        await().atMost(Duration.ofSeconds(20)).until(() -> !dead.attempts.isEmpty());

        // The partner's first event occurred longer ago than hai.webhooks.max-age (3 days).
        try (Connection c = dataSource.getConnection(); PreparedStatement age = c.prepareStatement("""
                update outbox_event set occurred_at = occurred_at - interval '4 days'
                where id = ?""")) {
            age.setString(1, dead.attempts.get(0).id());
            age.executeUpdate();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> dead.attempts.stream().map(Attempt::id).distinct().count() == 2);
        try (Connection c = dataSource.getConnection(); PreparedStatement deliveries = c.prepareStatement("""
                select d.status, d.last_error from webhook_delivery d
                join outbox_event o on o.seq = d.event_seq where o.id = ?""")) {
            deliveries.setString(1, dead.attempts.get(0).id());
            try (ResultSet row = deliveries.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("status")).isEqualTo("DEAD");
                assertThat(row.getString("last_error")).isEqualTo("HTTP 500");
            }
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Metrics scraped = Metrics.scrape();
            assertThat(scraped.value("hai_webhooks_dead_letters")).isGreaterThanOrEqualTo(1);
            assertThat(scraped.sum("hai_webhooks_attempts_total", "outcome", "dead")).isGreaterThanOrEqualTo(1);
            assertThat(scraped.sum("hai_webhooks_attempts_total", "outcome", "failed")).isGreaterThanOrEqualTo(1);
            assertThat(scraped.value("hai_webhooks_oldest_undelivered_age_seconds")).isPositive();
        });
    }
}
