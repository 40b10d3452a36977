package org.haipump.appointments;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.haipump.cycle.BookingWindow;
import org.haipump.cycle.PumpCycle;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.security.CurrentActor;
import org.haipump.platform.web.IfMatch;
import org.haipump.platform.web.ItemsPage;
import org.haipump.platform.web.PageRequest;
import org.haipump.platform.web.Versioned;
import org.haipump.pumps.PumpCycles;
import org.haipump.pumps.PumpEntity;
import org.haipump.pumps.PumpRemoved;
import org.haipump.pumps.PumpService;
import org.haipump.platform.persistence.Conditions;

/** Booking refill appointments inside the safe window; one open appointment per pump. */
@ApplicationScoped
public class AppointmentService {

    private final AppointmentRepository appointments;
    private final PumpService pumps;
    private final PumpCycles cycles;
    private final CurrentActor actor;
    private final Clock clock;

    AppointmentService(AppointmentRepository appointments, PumpService pumps, PumpCycles cycles,
                       CurrentActor actor, Clock clock) {
        this.appointments = appointments;
        this.pumps = pumps;
        this.cycles = cycles;
        this.actor = actor;
        this.clock = clock;
    }

    @Transactional
    public Versioned<AppointmentResponse> book(BookAppointmentRequest request) {
        PumpEntity pump = pumps.requireActiveForUpdate(request.pumpId());
        PumpCycle cycle = cycles.cycleOf(pump);
        Instant now = clock.instant();
        BookingWindow window = cycles.rules().assessBooking(cycle, request.startsAt(), now)
                .orElseThrow(ProblemException::of);
        if (appointments.findOpen(pump.id).isPresent()) {
            throw ProblemException.conflict("open-appointment-exists",
                    "The pump already has an open appointment; cancel it before booking another.");
        }
        AppointmentEntity appointment = new AppointmentEntity();
        appointment.id = UUID.randomUUID();
        appointment.pumpId = pump.id;
        appointment.patientId = pump.patientId;
        appointment.startsAt = request.startsAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        appointment.location = request.location();
        appointment.site = request.site();
        appointment.plannedDrug = request.plannedDrug() != null ? request.plannedDrug()
                : cycles.rules().expectedDrug(cycle, request.startsAt());
        appointment.reason = request.reason();
        appointment.status = AppointmentStatus.BOOKED;
        appointment.refillDueAt = pump.nextDueAt;
        appointment.windowOpensAt = window.opensAt();
        appointment.windowClosesAt = window.closesAt();
        appointment.bookedBy = actor.name();
        appointment.bookedAt = now;
        appointments.persist(appointment);
        return versioned(appointment);
    }

    @Transactional
    public Optional<Versioned<AppointmentResponse>> find(UUID id) {
        return appointments.findByIdOptional(id)
                .map(appointment -> new Versioned<>(AppointmentResponse.of(appointment), appointment.version));
    }

    @Transactional
    public ItemsPage<AppointmentResponse> list(Instant from, Instant to, AppointmentStatus status, PageRequest page) {
        Conditions filters = new Conditions()
                .when(from, "startsAt >= :from", "from")
                .when(to, "startsAt < :to", "to")
                .when(status, "status = :status", "status");
        return ItemsPage.of(appointments.find(filters.orderedBy("startsAt, id"), filters.parameters()), page,
                AppointmentResponse::of);
    }

    @Transactional
    public Versioned<AppointmentResponse> cancel(UUID id, IfMatch ifMatch, String reason) {
        AppointmentEntity appointment = appointments.findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("appointment", id));
        // Pump first, then appointment: the order bookings and fills take, so a cancellation and a
        // fill of the same pump run one after the other.
        pumps.lock(appointment.pumpId);
        appointments.getEntityManager().refresh(appointment);
        ifMatch.check(appointment.version);
        if (appointment.status != AppointmentStatus.BOOKED) {
            throw ProblemException.conflict("appointment-not-open",
                    "The appointment is " + appointment.status + ": only a booked one can be cancelled.");
        }
        close(appointment, reason);
        return versioned(appointment);
    }

    /** The written appointment and its version. */
    private Versioned<AppointmentResponse> versioned(AppointmentEntity appointment) {
        appointments.flush();
        return new Versioned<>(AppointmentResponse.of(appointment), appointment.version);
    }

    /**
     * Completes the pump's open appointment with the fill being recorded (the caller's transaction).
     * A named appointment must be that open one.
     *
     * @return the completed appointment, empty when none was open
     */
    public Optional<AppointmentEntity> completeWithFill(UUID pumpId, UUID namedAppointmentId, UUID fillId) {
        Optional<AppointmentEntity> open = appointments.findOpen(pumpId);
        if (namedAppointmentId != null && open.map(a -> !a.id.equals(namedAppointmentId)).orElse(true)) {
            throw ProblemException.ruleViolation("appointment-not-open",
                    "appointmentId is not the pump's open appointment.", "appointmentId");
        }
        open.ifPresent(a -> {
            a.status = AppointmentStatus.COMPLETED;
            a.completedAt = clock.instant();
            a.fillId = fillId;
        });
        return open;
    }

    void onPumpRemoved(@Observes PumpRemoved removed) {
        appointments.findOpen(removed.pumpId()).ifPresent(a -> close(a, "Pump removed"));
    }

    private void close(AppointmentEntity appointment, String reason) {
        appointment.status = AppointmentStatus.CANCELLED;
        appointment.cancelledAt = clock.instant();
        appointment.cancelledBy = actor.name();
        appointment.cancellationReason = reason;
    }
}
