package org.haipump.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.haipump.support.Api.ETAG;
import static org.haipump.support.Api.ENDPOINT_DELIVERIES;
import static org.haipump.support.Api.ENDPOINT_REDELIVERY;
import static org.haipump.support.Api.ENDPOINT_SECRET_ROTATION;
import static org.haipump.support.Api.WEBHOOK_ENDPOINT;
import static org.haipump.support.Api.WEBHOOK_ENDPOINTS;
import static org.haipump.support.Api.as;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haipump.support.Api;
import org.haipump.support.Db;
import org.haipump.support.StandardWebhooks;
import org.haipump.support.Tokens;
import org.haipump.webhooks.WebhookReceiver.Attempt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clinic-wide endpoints: a clinic system names the event types it wants and gets them for every
 * patient, partner or not, signed with its own secret, with its own deliveries and redelivery; a
 * removed endpoint is sent nothing more.
 */
@QuarkusTest
class WebhookEndpointApiTest {

    private static final String PAGING = "https://paging.clinic.test/hai";

    @Inject
    Db db;

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

    /** An endpoint of the clinic's whose URL is the receiver; answers its id and sets the receiver's secret. */
    private static String endpointReceivingAt(WebhookReceiver receiver, String... eventTypes) {
        var created = as(Tokens.admin()).body(Api.webhookEndpointBody(receiver.url, eventTypes))
                .post(WEBHOOK_ENDPOINTS).then().statusCode(201).extract();
        receiver.trust(created.path("webhookSecret"));
        return created.path("id");
    }

    /** A pump filled 10 days ago, for a new patient, and a visit booked at its due time. */
    private static String visitBooked(String patientId) {
        Instant filled = Api.daysAgo(10);
        String pumpId = Api.pumpFilledAt(patientId, filled, "CHEMOTHERAPY", Api.FULL_ML);
        return Api.bookAppointment(pumpId, filled.plus(Api.REFILL_INTERVAL));
    }

    @Test
    void registeringAnEndpointShowsItsSecretOnceAndNamesEachEventTypeOnce() {
        Map<String, Object> body = Api.webhookEndpointBody(PAGING, "refill.critical", "flag.raised", "refill.critical");
        Response created = as(Tokens.admin()).body(body).post(WEBHOOK_ENDPOINTS);
        String id = created.path("id");
        created.then().statusCode(201).header("Location", endsWith(WEBHOOK_ENDPOINTS + "/" + id))
                .header(ETAG, notNullValue())
                .body("url", equalTo(PAGING)).body("description", equalTo("On-call paging"))
                .body("eventTypes", equalTo(List.of("refill.critical", "flag.raised")))
                .body("webhookSecret", startsWith("whsec_")).body("createdAt", notNullValue());
        assertThat(db.count("webhook_secret", "endpoint_id", id)).isEqualTo(1);

        Response read = as(Tokens.admin()).get(WEBHOOK_ENDPOINT, id);
        read.then().statusCode(200).header(ETAG, notNullValue());
        assertThat(read.jsonPath().getMap("$").keySet())
                .containsExactlyInAnyOrder("id", "url", "eventTypes", "description", "createdAt", "updatedAt");
        as(Tokens.admin()).queryParam("size", 200).get(WEBHOOK_ENDPOINTS).then().statusCode(200)
                .body("items.id", hasItem(id)).body("items.webhookSecret", everyItem(equalTo(null)));
        // A partner's endpoint is not a clinic-wide one.
        String partnerEndpoint = db.strings("select id::text from webhook_endpoint where partner_id = ?::uuid",
                Api.createPartner()).get(0);
        Api.notFound(as(Tokens.admin()).get(WEBHOOK_ENDPOINT, partnerEndpoint));
        as(Tokens.admin()).queryParam("size", 200).get(WEBHOOK_ENDPOINTS).then()
                .body("items.id", not(hasItem(partnerEndpoint)));
    }

    @Test
    void anUnknownEventTypeNoEventTypesOrABadUrlIsRefusedAndWritesNothing() {
        Db.Snapshot before = db.snapshot();
        Api.malformed(as(Tokens.admin()).body(Api.webhookEndpointBody(PAGING, "refill.late")).post(WEBHOOK_ENDPOINTS),
                "eventTypes[0]").body("errors[0].message", org.hamcrest.Matchers.containsString("refill.overdue"));
        Api.invalid(as(Tokens.admin()).body(Api.webhookEndpointBody(PAGING)).post(WEBHOOK_ENDPOINTS), "eventTypes");
        Api.invalid(as(Tokens.admin()).body(Api.webhookEndpointBody("ftp://paging.clinic.test/x", "flag.raised"))
                .post(WEBHOOK_ENDPOINTS), "url");
        before.assertNothingWritten();
    }

    @Test
    void anEndpointGetsItsEventTypesForEveryPatientSignedAndCanHaveOneSentAgain() throws IOException {
        WebhookReceiver receiver = receiver(0);
        String endpointId = endpointReceivingAt(receiver, "appointment.booked");
        String homePatient = Api.registerPatient();
        Api.assignPartner(homePatient, Api.createPartner());
        String ofHomePatient = visitBooked(homePatient);
        String ofClinicPatient = visitBooked(Api.registerPatient());

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.handed.size() == 2);
        assertThat(receiver.attempts).allMatch(Attempt::validSignature).hasSize(2);
        assertThat(receiver.handed).allMatch(b -> b.contains("\"type\":\"appointment.booked\""));
        assertThat(receiver.handed.get(0)).contains(ofHomePatient).doesNotContain(Api.GIVEN_NAME, Api.FAMILY_NAME);
        assertThat(receiver.handed.get(1)).contains(ofClinicPatient);
        as(Tokens.admin()).get(ENDPOINT_DELIVERIES, endpointId).then().statusCode(200)
                .body("total", equalTo(2)).body("items.status", everyItem(equalTo("DELIVERED")))
                .body("items[1].eventId", equalTo(receiver.attempts.get(0).id()));

        String first = receiver.attempts.get(0).id();
        as(Tokens.admin()).post(ENDPOINT_REDELIVERY, endpointId, first).then().statusCode(202)
                .body("status", equalTo("PENDING"));
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.attempts.size() == 3);
        assertThat(receiver.attempts.get(2).id()).isEqualTo(first);
        assertThat(receiver.handed).hasSize(2);

        // The partner's assignment is an event of a type the endpoint does not receive.
        String assigned = db.strings("select id from outbox_event where type = 'partner.assigned' and patient_id = ?::uuid",
                homePatient).get(0);
        Api.notFound(as(Tokens.admin()).post(ENDPOINT_REDELIVERY, endpointId, assigned));
        Api.notFound(as(Tokens.admin()).post(ENDPOINT_REDELIVERY, UUID.randomUUID(), first));
        Api.notFound(as(Tokens.admin()).get(ENDPOINT_DELIVERIES, UUID.randomUUID()));
    }

    @Test
    void afterARotationEachDeliveryIsSignedWithTheNewSecretAndThePrevious() throws IOException {
        WebhookReceiver receiver = receiver(0);
        String endpointId = endpointReceivingAt(receiver, "appointment.booked");
        String previous = db.strings("select secret from webhook_secret where endpoint_id = ?::uuid", endpointId).get(0);

        Response rotated = as(Tokens.admin()).post(ENDPOINT_SECRET_ROTATION, endpointId);
        rotated.then().statusCode(200).body("webhookSecret", startsWith("whsec_"))
                .body("previousSecretExpiresAt", notNullValue());
        String secret = rotated.path("webhookSecret");
        receiver.trust(secret);
        visitBooked(Api.registerPatient());

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.handed.size() == 1);
        Attempt attempt = receiver.attempts.get(0);
        String[] signatures = attempt.signature().split(" ");
        assertThat(signatures).hasSize(2);
        for (String key : List.of(secret, previous)) {
            assertThat(StandardWebhooks.verifies(key, attempt.id(), attempt.timestamp(), attempt.signature(),
                    attempt.body())).as("signed with " + (key.equals(secret) ? "the new" : "the previous") + " secret")
                    .isTrue();
        }
    }

    @Test
    void aReplacementHonoursIfMatchAndTakesEffectForTheNextEvent() {
        String id = Api.createWebhookEndpoint();
        String etag = as(Tokens.admin()).get(WEBHOOK_ENDPOINT, id).then().extract().header(ETAG);
        Map<String, Object> body = Api.webhookEndpointBody("https://ehr-interface.clinic.test/hai", "fill.recorded",
                "pump.removed");
        body.remove("description");

        Response replaced = as(Tokens.admin()).header("If-Match", etag).body(body).put(WEBHOOK_ENDPOINT, id);
        replaced.then().statusCode(200).header(ETAG, not(equalTo(etag)))
                .body("url", equalTo("https://ehr-interface.clinic.test/hai"))
                .body("eventTypes", equalTo(List.of("fill.recorded", "pump.removed")))
                .body("description", equalTo(null));
        Api.preconditionFailed(as(Tokens.admin()).header("If-Match", etag).body(body).put(WEBHOOK_ENDPOINT, id));

        String pumpId = Api.pumpFilledAt(Api.daysAgo(10), "CHEMOTHERAPY");
        Api.removePump(pumpId);
        assertThat(db.strings("""
                select o.id from webhook_delivery d join outbox_event o on o.seq = d.event_seq
                where d.endpoint_id = ?::uuid and o.type = 'pump.removed'""", id)).hasSize(1);
        Api.notFound(as(Tokens.admin()).header("If-Match", etag).body(body).put(WEBHOOK_ENDPOINT, UUID.randomUUID()));
    }

    @Test
    void aRemovedEndpointIsSentNothingMoreAndWhatItAwaitedIsCancelled() throws IOException {
        WebhookReceiver dead = receiver(Integer.MAX_VALUE);
        String endpointId = endpointReceivingAt(dead, "appointment.booked");
        visitBooked(Api.registerPatient());
        visitBooked(Api.registerPatient());
        await().atMost(Duration.ofSeconds(20)).until(() -> !dead.attempts.isEmpty());

        as(Tokens.admin()).delete(WEBHOOK_ENDPOINT, endpointId).then().statusCode(204);

        assertThat(db.strings("select status || ' ' || last_error from webhook_delivery where endpoint_id = ?::uuid",
                endpointId)).containsOnly("CANCELLED not sent: the endpoint was removed").hasSize(2);
        visitBooked(Api.registerPatient());
        assertThat(db.count("webhook_delivery", "endpoint_id", endpointId)).isEqualTo(2);
        Api.notFound(as(Tokens.admin()).get(WEBHOOK_ENDPOINT, endpointId));
        Api.notFound(as(Tokens.admin()).get(ENDPOINT_DELIVERIES, endpointId));
        Api.notFound(as(Tokens.admin()).delete(WEBHOOK_ENDPOINT, endpointId));
        as(Tokens.admin()).queryParam("size", 200).get(WEBHOOK_ENDPOINTS).then()
                .body("items.id", not(hasItem(endpointId)));
    }
}
