package org.haipump.appointments;

import static org.haipump.support.Api.APPOINTMENTS;
import static org.haipump.support.Api.RESERVE;
import static org.haipump.support.Api.REFILL_INTERVAL;
import static org.haipump.support.Api.appointmentBody;
import static org.haipump.support.Api.as;
import static org.haipump.support.Api.ruleViolated;
import static org.haipump.support.Api.sameInstant;
import static org.haipump.support.Api.with;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.haipump.flags.OverdueScan;
import org.haipump.support.Api;
import org.haipump.support.Db;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Once a refill is past due, the most urgent pump can always be booked: from now up to 24 hours
 * ahead, even past the end of its reserve, with a reason. Before the due time such a start is refused.
 */
@QuarkusTest
class UrgentBookingApiTest {

    private static final String URGENT_REASON = "Reserve ending, first free chair";
    private static final Duration URGENT_HORIZON = Duration.ofHours(24);

    @Inject
    Db db;

    /** Run before a snapshot of a late pump: it flags the pump now, so the scheduled scan cannot mid-test. */
    @Inject
    OverdueScan scan;

    @Test
    void aPumpPastItsReserveIsBookedUrgentlyWithAReason() {
        // the chemotherapy fill of 17 days ago: due 3 days ago, the reserve ended yesterday
        String pumpId = Api.pumpFilledAt(Api.daysAgo(17), "CHEMOTHERAPY");
        Instant inTwoHours = Api.now().plus(Duration.ofHours(2));
        scan.run();
        Db.Snapshot before = db.snapshot(pumpId);

        ruleViolated(as(Tokens.scheduler()).body(appointmentBody(pumpId, inTwoHours)).post(APPOINTMENTS),
                "urgent-reason-required", "reason");
        before.assertNothingWritten();

        as(Tokens.scheduler()).body(with(appointmentBody(pumpId, inTwoHours), "reason", URGENT_REASON))
                .post(APPOINTMENTS).then().log().ifValidationFails().statusCode(201)
                .body("urgent", equalTo(true))
                .body("reason", equalTo(URGENT_REASON))
                .body("startsAt", sameInstant(inTwoHours))
                .body("plannedDrug", equalTo("HEPARIN"));
    }

    @Test
    void anOverduePumpMayBeBookedPastItsReserveUpToTheHorizon() {
        // due 36 hours ago: the reserve ends in 12 hours, the urgent horizon lies 24 hours ahead
        Instant filledAt = Api.now().minus(REFILL_INTERVAL).minus(Duration.ofHours(36));
        Instant reserveEndsAt = filledAt.plus(REFILL_INTERVAL).plus(RESERVE);
        String pumpId = Api.pumpFilledAt(filledAt, "CHEMOTHERAPY");

        as(Tokens.scheduler()).body(appointmentBody(pumpId, reserveEndsAt.minusSeconds(60))).post(APPOINTMENTS)
                .then().statusCode(201).body("urgent", equalTo(false));
    }

    @Test
    void aStartBeyondTheHorizonIsRefusedAndTheProblemStatesTheUrgentPart() {
        Instant filledAt = Api.now().minus(REFILL_INTERVAL).minus(Duration.ofHours(36));
        String pumpId = Api.pumpFilledAt(filledAt, "CHEMOTHERAPY");
        Instant beyond = Api.now().plus(URGENT_HORIZON).plus(Duration.ofMinutes(10));
        scan.run();
        Db.Snapshot before = db.snapshot(pumpId);

        ruleViolated(as(Tokens.scheduler()).body(with(appointmentBody(pumpId, beyond), "reason", URGENT_REASON))
                .post(APPOINTMENTS), "outside-refill-window", "startsAt")
                .body("windowClosesAt", sameInstant(filledAt.plus(REFILL_INTERVAL).plus(RESERVE)))
                .body("urgentFrom", notNullValue())
                .body("urgentUntil", notNullValue());

        before.assertNothingWritten();
    }

    @Test
    void beforeTheDueTimeAStartAtTheEndOfTheReserveWouldPlanADryPump() {
        Instant filledAt = Api.daysAgo(10);
        String pumpId = Api.pumpFilledAt(filledAt, "CHEMOTHERAPY");
        Db.Snapshot before = db.snapshot(pumpId);

        ruleViolated(as(Tokens.scheduler())
                .body(with(appointmentBody(pumpId, filledAt.plus(REFILL_INTERVAL).plus(RESERVE)), "reason", URGENT_REASON))
                .post(APPOINTMENTS), "outside-refill-window", "startsAt");

        before.assertNothingWritten();
    }
}
