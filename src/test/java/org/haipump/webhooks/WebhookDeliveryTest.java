package org.haipump.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.haipump.support.Api.as;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haipump.support.Api;
import org.haipump.webhooks.WebhookReceiver.Attempt;
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

    /** {@code hai.webhooks.attempt-timeout} in the test profile. */
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(3);

    private final List<WebhookReceiver> receivers = new ArrayList<>();

    private WebhookReceiver receiver(int failures) throws IOException {
        WebhookReceiver receiver = new WebhookReceiver(failures);
        receivers.add(receiver);
        return receiver;
    }

    @AfterEach
    void stopReceivers() {
        receivers.forEach(WebhookReceiver::close);
    }

    /** A partner whose endpoint is the receiver; answers its id and sets the receiver's secret. */
    private static String partnerReceivingAt(WebhookReceiver receiver) {
        Map<String, Object> body = Api.partnerBody();
        body.put("webhookUrl", receiver.url);
        var created = as(Tokens.admin()).body(body).post(Api.PARTNERS).then().statusCode(201).extract();
        receiver.trust(created.path("webhookSecret"));
        return created.path("id");
    }

    @Test
    void aRefusingReceiverGetsEachEventAgainWithTheSameIdUntilItTakesItAndHandsItOnOnce() throws IOException {
        WebhookReceiver receiver = receiver(2);
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
        WebhookReceiver receiver = receiver(0);
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
    void removingAPartnersUrlCancelsWhatItWasStillToBeSent() throws IOException {
        WebhookReceiver dead = receiver(Integer.MAX_VALUE);
        String partnerId = partnerReceivingAt(dead);
        Api.assignPartner(Api.registerPatient(), partnerId);
        Api.assignPartner(Api.registerPatient(), partnerId);
        await().atMost(Duration.ofSeconds(20)).until(() -> !dead.attempts.isEmpty());

        as(Tokens.admin()).contentType("application/merge-patch+json").body("{\"webhookUrl\": null}")
                .patch(Api.PARTNER, partnerId).then().statusCode(200);

        as(Tokens.admin()).get(Api.PARTNER_DELIVERIES, partnerId).then().statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(2))
                .body("items.status", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo("CANCELLED")))
                .body("items.lastError", org.hamcrest.Matchers.everyItem(
                        org.hamcrest.Matchers.equalTo("not sent: the webhook URL was removed")))
                .body("items.nextAttemptAt", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue()));
    }

    @Test
    void aDeadEndpointHoldsBackOnlyItsOwnEvents() throws IOException {
        WebhookReceiver dead = receiver(Integer.MAX_VALUE);
        WebhookReceiver alive = receiver(0);
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
    void anEndpointThatNeverAnswersHoldsBackNoOtherEndpoint() throws IOException {
        WebhookReceiver hanging = receiver(0).hanging();
        WebhookReceiver alive = receiver(0);
        String hangingPartner = partnerReceivingAt(hanging);
        String alivePartner = partnerReceivingAt(alive);
        Api.assignPartner(Api.registerPatient(), hangingPartner);
        await().atMost(Duration.ofSeconds(20)).until(() -> !hanging.attempts.isEmpty());
        Instant held = hanging.attempts.get(0).receivedAt();

        for (int i = 0; i < 3; i++) {
            Api.assignPartner(Api.registerPatient(), alivePartner);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> alive.handed.size() == 3);
        // All three were sent while the other endpoint's attempt still waited for its answer.
        assertThat(Duration.between(held, alive.attempts.get(2).receivedAt())).isLessThan(ATTEMPT_TIMEOUT);
    }

    @Test
    void anEventStillRefusedAtItsMaximumAgeIsDeadLetteredAndTheNextOneGoesAhead() throws Exception {
        WebhookReceiver dead = receiver(Integer.MAX_VALUE);
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
                join outbox_event o on o.seq = d.event_seq join webhook_endpoint e on e.id = d.endpoint_id
                where o.id = ? and e.partner_id = ?::uuid""")) {
            // The partner's own delivery: a clinic-wide endpoint of an earlier test may receive the event too.
            deliveries.setString(1, dead.attempts.get(0).id());
            deliveries.setString(2, partnerId);
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
