package org.haipump.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haipump.support.Api.CANCELLATION;
import static org.haipump.support.Api.RESCHEDULE;
import static org.haipump.support.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.haipump.appointments.AppointmentBooked;
import org.haipump.appointments.AppointmentCancelled;
import org.haipump.appointments.AppointmentMissed;
import org.haipump.appointments.AppointmentRescheduled;
import org.haipump.flags.FlagEscalated;
import org.haipump.flags.FlagKind;
import org.haipump.flags.FlagRaised;
import org.haipump.flags.FlagResolved;
import org.haipump.flags.OverdueScan;
import org.haipump.support.Api;
import org.haipump.support.RecordedEvents;
import org.haipump.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Each state change of an appointment or a flag is told as a domain event, for the partner
 * webhooks to publish: booked, rescheduled, cancelled, missed; raised, escalated, resolved.
 */
@QuarkusTest
class DomainEventsTest {

    @Inject
    RecordedEvents events;

    @Inject
    OverdueScan scan;

    @Test
    void anAppointmentsBookingMoveCancellationAndMissAreEachAnEvent() {
        String pumpId = Api.pumpFilledAt(Api.daysAgo(12), "CHEMOTHERAPY");
        UUID pump = UUID.fromString(pumpId);
        String appointmentId = Api.bookAppointment(pumpId, Api.now().plus(Duration.ofHours(1)));
        UUID appointment = UUID.fromString(appointmentId);
        Instant moved = Api.now().plus(Duration.ofHours(3));
        as(Tokens.scheduler()).body(Map.of("startsAt", moved.toString())).post(RESCHEDULE, appointmentId)
                .then().statusCode(200);
        as(Tokens.scheduler()).body(Map.of("reason", "Patient unwell")).post(CANCELLATION, appointmentId)
                .then().statusCode(200);
        String missedId = Api.bookAppointment(pumpId, Api.now().plus(Duration.ofHours(1)));
        scan.runAt(Api.now().plus(Duration.ofHours(4)));

        assertThat(events.of(AppointmentBooked.class)).filteredOn(e -> e.appointmentId().equals(appointment))
                .singleElement().satisfies(e -> assertThat(e.pumpId()).isEqualTo(pump));
        assertThat(events.of(AppointmentRescheduled.class)).filteredOn(e -> e.appointmentId().equals(appointment))
                .singleElement().satisfies(e -> assertThat(e.startsAt()).isEqualTo(moved.truncatedTo(
                        java.time.temporal.ChronoUnit.MICROS)));
        assertThat(events.of(AppointmentCancelled.class)).filteredOn(e -> e.appointmentId().equals(appointment))
                .hasSize(1);
        assertThat(events.of(AppointmentMissed.class))
                .filteredOn(e -> e.appointmentId().equals(UUID.fromString(missedId))).hasSize(1);
    }

    @Test
    void aFlagsRaiseEscalationAndResolutionAreEachAnEvent() {
        Instant filledAt = Api.daysAgo(15);
        String pumpId = Api.pumpFilledAt(filledAt, "CHEMOTHERAPY");
        UUID pump = UUID.fromString(pumpId);
        scan.runAt(Api.now());
        scan.runAt(filledAt.plus(Duration.ofDays(16)).plusSeconds(1));
        Api.recordFill(pumpId, Api.fill(Api.now(), "HEPARIN", Api.FULL_ML));

        assertThat(events.of(FlagRaised.class)).filteredOn(e -> e.pumpId().equals(pump))
                .singleElement().satisfies(e -> assertThat(e.kind()).isEqualTo(FlagKind.REFILL_OVERDUE));
        assertThat(events.of(FlagEscalated.class)).filteredOn(e -> e.pumpId().equals(pump)).hasSize(1);
        assertThat(events.of(FlagResolved.class)).filteredOn(e -> e.pumpId().equals(pump))
                .singleElement().satisfies(e -> assertThat(e.resolution()).isEqualTo("REFILLED"));
    }
}
