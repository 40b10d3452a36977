package org.haipump.appointments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.APPOINTMENT;
import static org.haipump.support.Api.APPOINTMENTS;
import static org.haipump.support.Api.CANCELLATION;
import static org.haipump.support.Api.ETAG;
import static org.haipump.support.Api.FULL_ML;
import static org.haipump.support.Api.IF_MATCH;
import static org.haipump.support.Api.REFILL_INTERVAL;
import static org.haipump.support.Api.appointmentBody;
import static org.haipump.support.Api.as;
import static org.haipump.support.Api.daysAgo;
import static org.haipump.support.Api.etagOf;
import static org.haipump.support.Api.fill;
import static org.haipump.support.Api.invalid;
import static org.haipump.support.Api.preconditionFailed;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.haipump.support.Api;
import org.haipump.support.Db;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Optimistic locking of an appointment: its {@code ETag}, and a cancellation that honours {@code If-Match}. */
@QuarkusTest
class AppointmentPreconditionsApiTest {

    private static final Map<String, String> CANCELLATION_BODY = Map.of("reason", "Patient has a fever");

    @Inject
    Db db;

    private String pumpId;
    private String appointmentId;
    /** The ETag the booking answered. */
    private String bookedEtag;

    @BeforeEach
    void aBookedRefill() {
        Instant filledAt = daysAgo(13);
        pumpId = Api.pumpFilledAt(filledAt, "CHEMOTHERAPY");
        Response booked = as(Tokens.scheduler()).body(appointmentBody(pumpId, filledAt.plus(REFILL_INTERVAL)))
                .post(APPOINTMENTS);
        booked.then().statusCode(201);
        appointmentId = booked.path("id");
        bookedEtag = booked.header(ETAG);
    }

    private static Response cancel(String appointmentId, String ifMatch) {
        var request = as(Tokens.nurse()).body(CANCELLATION_BODY);
        return (ifMatch == null ? request : request.header(IF_MATCH, ifMatch)).post(CANCELLATION, appointmentId);
    }

    @Test
    void theBookingAndEveryReadCarryTheSameTagUntilTheAppointmentChanges() {
        assertThat(bookedEtag).matches("\"[0-9]+\"");
        assertThat(etagOf(APPOINTMENT, appointmentId)).isEqualTo(bookedEtag);
    }

    @Test
    void aFillThatCompletesTheAppointmentMovesItsTag() {
        Api.recordFill(pumpId, fill(Api.now(), "HEPARIN", FULL_ML));

        assertThat(etagOf(APPOINTMENT, appointmentId)).isNotEqualTo(bookedEtag);
    }

    @Test
    void aCancellationWithTheCurrentTagAnswersTheNewTag() {
        Response cancelled = cancel(appointmentId, bookedEtag);

        cancelled.then().log().ifValidationFails().statusCode(200).body("status", equalTo("CANCELLED"));
        assertThat(cancelled.header(ETAG)).isNotEqualTo(bookedEtag).isEqualTo(etagOf(APPOINTMENT, appointmentId));
    }

    /** The appointment was completed since it was read: the precondition says so before its status does. */
    @Test
    void aCancellationWithAStaleTagIsAFailedPreconditionAndWritesNothing() {
        Api.recordFill(pumpId, fill(Api.now(), "HEPARIN", FULL_ML));
        Db.Snapshot before = db.snapshot(pumpId);

        preconditionFailed(cancel(appointmentId, bookedEtag))
                .body("currentEtag", equalTo(etagOf(APPOINTMENT, appointmentId)));

        before.assertNothingWritten();
        as(Tokens.nurse()).get(APPOINTMENT, appointmentId).then().body("status", equalTo("COMPLETED"));
    }

    @Test
    void aCancellationWithoutIfMatchOrWithAStarApplies() {
        cancel(appointmentId, null).then().log().ifValidationFails().statusCode(200);

        String rebooked = Api.bookAppointment(pumpId, Api.now().plusSeconds(3600));
        cancel(rebooked, "*").then().log().ifValidationFails().statusCode(200);
    }

    @Test
    void theWeakFormOfTheCurrentTagNeverMatches() {
        Db.Snapshot before = db.snapshot(pumpId);

        preconditionFailed(cancel(appointmentId, "W/" + bookedEtag));

        before.assertNothingWritten();
    }

    @Test
    void aMalformedIfMatchIsInvalidAndWritesNothing() {
        Db.Snapshot before = db.snapshot(pumpId);

        invalid(cancel(appointmentId, bookedEtag.replace("\"", "")), IF_MATCH);

        before.assertNothingWritten();
    }
}
