package org.haipump.appointments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.APPOINTMENT;
import static org.haipump.support.Api.CANCELLATION;
import static org.haipump.support.Api.ETAG;
import static org.haipump.support.Api.IF_MATCH;
import static org.haipump.support.Api.REFILL_INTERVAL;
import static org.haipump.support.Api.RESCHEDULE;
import static org.haipump.support.Api.RESERVE;
import static org.haipump.support.Api.as;
import static org.haipump.support.Api.conflict;
import static org.haipump.support.Api.etagOf;
import static org.haipump.support.Api.invalid;
import static org.haipump.support.Api.notFound;
import static org.haipump.support.Api.preconditionFailed;
import static org.haipump.support.Api.ruleViolated;
import static org.haipump.support.Api.sameInstant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.haipump.support.Api;
import org.haipump.support.Db;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

/** A booked appointment moves under the booking rules, honours If-Match and keeps its earlier starts. */
@QuarkusTest
class RescheduleApiTest {

    private static final String MOVE_REASON = "Patient asked for the afternoon";

    @Inject
    Db db;

    /** A pump filled 10 days ago, due in 4 days, with a visit booked for its due time. */
    private record Booked(String pumpId, String appointmentId, Instant dueAt) {

        static Booked now() {
            Instant filledAt = Api.daysAgo(10);
            String pumpId = Api.pumpFilledAt(filledAt, "CHEMOTHERAPY");
            Instant dueAt = filledAt.plus(REFILL_INTERVAL);
            return new Booked(pumpId, Api.bookAppointment(pumpId, dueAt), dueAt);
        }
    }

    private static Map<String, Object> move(Instant startsAt, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("startsAt", startsAt.toString());
        if (reason != null) {
            body.put("reason", reason);
        }
        return body;
    }

    @Test
    void aBookedAppointmentMovesInsideTheWindowAndKeepsItsEarlierStart() {
        Booked booked = Booked.now();
        String etag = etagOf(APPOINTMENT, booked.appointmentId());
        Instant later = booked.dueAt().plus(Duration.ofHours(20));

        ExtractableResponse<Response> moved = as(Tokens.nurse()).header(IF_MATCH, etag)
                .body(move(later, MOVE_REASON)).post(RESCHEDULE, booked.appointmentId())
                .then().log().ifValidationFails().statusCode(200)
                .body("status", equalTo("BOOKED"))
                .body("startsAt", sameInstant(later))
                .body("urgent", equalTo(false))
                .body("history", hasSize(1))
                .body("history[0].previousStartsAt", sameInstant(booked.dueAt()))
                .body("history[0].newStartsAt", sameInstant(later))
                .body("history[0].reason", equalTo(MOVE_REASON))
                .body("history[0].rescheduledBy", equalTo(Tokens.NURSE_UPN))
                .extract();

        assertThat(moved.header(ETAG)).isNotEqualTo(etag);
        as(Tokens.scheduler()).get(APPOINTMENT, booked.appointmentId()).then().statusCode(200)
                .header(ETAG, moved.header(ETAG)).body("history", hasSize(1));
    }

    @Test
    void aPlannedDrugNobodyChoseFollowsThePlanAtTheNewStart() {
        // heparin 13 days ago: chemotherapy is due tomorrow, but a hold keeps it from the day after on;
        // the visit is booked before the hold whatever the time of day (two hours from now may be tomorrow)
        String pumpId = Api.pumpFilledAt(Api.daysAgo(13), "HEPARIN");
        String appointmentId = Api.bookAppointment(pumpId, Api.now().plus(Duration.ofHours(2)));
        Api.startChemoHold(pumpId, Api.today().plusDays(2), Api.today().plusDays(14));
        Instant holdsFirstDay = Api.today().plusDays(2).atStartOfDay(Api.ZONE).toInstant().plus(Duration.ofHours(10));
        as(Tokens.scheduler()).get(APPOINTMENT, appointmentId).then().body("plannedDrug", equalTo("CHEMOTHERAPY"));

        as(Tokens.scheduler()).body(move(holdsFirstDay, MOVE_REASON)).post(RESCHEDULE, appointmentId)
                .then().log().ifValidationFails().statusCode(200)
                .body("plannedDrug", equalTo("HEPARIN"))
                .body("plannedDrugExplicit", equalTo(false));
    }

    @Test
    void aMoveOutsideTheWindowBreaksTheRuleAndWritesNothing() {
        Booked booked = Booked.now();
        Db.Snapshot before = db.snapshot(booked.pumpId());
        long moves = db.count("appointment_reschedule");

        ruleViolated(as(Tokens.scheduler()).body(move(booked.dueAt().plus(RESERVE), MOVE_REASON))
                .post(RESCHEDULE, booked.appointmentId()), "outside-refill-window", "startsAt");

        before.assertNothingWritten();
        assertThat(db.count("appointment_reschedule")).isEqualTo(moves);
    }

    @Test
    void aMoveOfAnotherVersionFailsItsPreconditionAndWritesNothing() {
        Booked booked = Booked.now();
        String stale = etagOf(APPOINTMENT, booked.appointmentId());
        as(Tokens.scheduler()).body(move(booked.dueAt().plus(Duration.ofHours(1)), null))
                .post(RESCHEDULE, booked.appointmentId()).then().statusCode(200);
        Db.Snapshot before = db.snapshot(booked.pumpId());

        preconditionFailed(as(Tokens.scheduler()).header(IF_MATCH, stale)
                .body(move(booked.dueAt().plus(Duration.ofHours(2)), null)).post(RESCHEDULE, booked.appointmentId()));

        before.assertNothingWritten();
    }

    @Test
    void onlyABookedAppointmentCanBeMoved() {
        Booked booked = Booked.now();
        as(Tokens.scheduler()).body(Map.of("reason", "Patient unwell")).post(CANCELLATION, booked.appointmentId())
                .then().statusCode(200);
        Db.Snapshot before = db.snapshot(booked.pumpId());

        conflict(as(Tokens.scheduler()).body(move(booked.dueAt(), null)).post(RESCHEDULE, booked.appointmentId()),
                "appointment-not-open");

        before.assertNothingWritten();
    }

    @Test
    void anUnknownAppointmentIsNotFoundAndAMissingStartIsInvalid() {
        notFound(as(Tokens.scheduler()).body(move(Api.now(), null)).post(RESCHEDULE, UUID.randomUUID().toString()));

        Booked booked = Booked.now();
        Db.Snapshot before = db.snapshot(booked.pumpId());
        invalid(as(Tokens.scheduler()).body(Map.of("reason", MOVE_REASON)).post(RESCHEDULE, booked.appointmentId()),
                "startsAt");
        before.assertNothingWritten();
    }
}
