package org.haipump.appointments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.APPOINTMENT;
import static org.haipump.support.Api.APPOINTMENTS;
import static org.haipump.support.Api.FILLS;
import static org.haipump.support.Api.appointmentBody;
import static org.haipump.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.haipump.flags.OverdueScan;
import org.haipump.flags.OverdueScanResult;
import org.haipump.support.Api;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * A booked visit nobody kept is marked MISSED by the scan two hours after its start: it no longer
 * blocks a new booking, the worklist shows the pump as not booked with the missed visit, and a late
 * nurse's fill that names it completes it. The scan is run at chosen instants, as in OverdueScanTest.
 */
@QuarkusTest
class MissedAppointmentTest {

    private static final Duration MISSED_AFTER = Duration.ofHours(2);

    @Inject
    OverdueScan scan;

    /** A pump due in four days with a visit booked an hour from now. */
    private record Visit(String pumpId, String appointmentId, Instant startsAt) {

        static Visit booked() {
            String pumpId = Api.pumpFilledAt(Api.daysAgo(12), "CHEMOTHERAPY");
            Instant startsAt = Api.now().plus(Duration.ofHours(1));
            return new Visit(pumpId, Api.bookAppointment(pumpId, startsAt), startsAt);
        }
    }

    private static String statusOf(String appointmentId) {
        return as(Tokens.scheduler()).get(APPOINTMENT, appointmentId).then().statusCode(200).extract().path("status");
    }

    @Test
    void aVisitStillBookedTwoHoursAfterItsStartIsMissedOnceOnEveryRun() {
        Visit visit = Visit.booked();
        Instant missedAt = visit.startsAt().plus(MISSED_AFTER);

        scan.runAt(missedAt.minusSeconds(1));
        assertThat(statusOf(visit.appointmentId())).isEqualTo("BOOKED");

        OverdueScanResult first = scan.runAt(missedAt);
        assertThat(first.missed()).isGreaterThanOrEqualTo(1);
        as(Tokens.scheduler()).get(APPOINTMENT, visit.appointmentId()).then().statusCode(200)
                .body("status", equalTo("MISSED"))
                .body("missedAt", Api.sameInstant(missedAt));

        scan.runAt(missedAt.plus(Duration.ofMinutes(5)));
        as(Tokens.scheduler()).get(APPOINTMENT, visit.appointmentId()).then().statusCode(200)
                .body("status", equalTo("MISSED"))
                .body("missedAt", Api.sameInstant(missedAt));
    }

    @Test
    void aMissedVisitIsNotOpenTheWorklistShowsItAndThePumpCanBeBookedAgain() {
        Visit visit = Visit.booked();
        scan.runAt(visit.startsAt().plus(MISSED_AFTER));

        Map<String, Object> item = Api.worklistItem(visit.pumpId(), Api.now().plus(Duration.ofDays(5)));
        assertThat(item).as("worklist item of the pump").isNotNull();
        assertThat(item.get("openAppointment")).isNull();
        assertThat(item).extractingByKey("lastMissedAppointment").extracting("id").isEqualTo(visit.appointmentId());

        as(Tokens.scheduler()).body(appointmentBody(visit.pumpId(), Api.now().plus(Duration.ofDays(1))))
                .post(APPOINTMENTS).then().statusCode(201).body("status", equalTo("BOOKED"));
    }

    @Test
    void aLateNursesFillThatNamesTheMissedVisitCompletesIt() {
        Visit visit = Visit.booked();
        scan.runAt(visit.startsAt().plus(MISSED_AFTER));
        Map<String, Object> fill = Api.fill(Api.now(), "HEPARIN", Api.FULL_ML);
        fill.put("appointmentId", visit.appointmentId());

        String fillId = as(Tokens.nurse()).body(fill).post(FILLS, visit.pumpId()).then().log().ifValidationFails()
                .statusCode(201).body("appointmentId", equalTo(visit.appointmentId())).extract().path("id");

        as(Tokens.scheduler()).get(APPOINTMENT, visit.appointmentId()).then().statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("fillId", equalTo(fillId))
                .body("missedAt", notNullValue());
    }
}
