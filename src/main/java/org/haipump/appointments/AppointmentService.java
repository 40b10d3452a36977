package org.haipump.appointments;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.haipump.cycle.BookingSlot;
import org.haipump.cycle.Drug;
import org.haipump.cycle.PumpCycle;
import org.haipump.platform.persistence.Conditions;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.problem.ProblemType;
import org.haipump.platform.security.CurrentActor;
import org.haipump.platform.web.IfMatch;
import org.haipump.platform.web.ItemsPage;
import org.haipump.platform.web.PageRequest;
import org.haipump.platform.web.Versioned;
import org.haipump.pumps.PumpCycles;
import org.haipump.pumps.PumpEntity;
import org.haipump.pumps.PumpRemoved;
import org.haipump.pumps.PumpService;

/**
 * Booking refill appointments inside the safe window, or urgently once a refill is past due;
 * moving and cancelling them. A pump has at most one open (BOOKED) appointment.
 */
@ApplicationScoped
public class AppointmentService {

    private final AppointmentRepository appointments;
    private final PumpService pumps;
    private final PumpCycles cycles;
    private final Event<AppointmentBooked> booked;
    private final Event<AppointmentRescheduled> rescheduled;
    private final Event<AppointmentCancelled> cancelled;
    private final WorkOrders workOrders;
    private final CurrentActor actor;
    private final Clock clock;

    AppointmentService(AppointmentRepository appointments, PumpService pumps, PumpCycles cycles,
                       Event<AppointmentBooked> booked, Event<AppointmentRescheduled> rescheduled,
                       Event<AppointmentCancelled> cancelled, WorkOrders workOrders, CurrentActor actor,
                       Clock clock) {
        this.appointments = appointments;
        this.workOrders = workOrders;
        this.pumps = pumps;
        this.cycles = cycles;
        this.booked = booked;
        this.rescheduled = rescheduled;
        this.cancelled = cancelled;
        this.actor = actor;
        this.clock = clock;
    }

    @Transactional
    public Versioned<AppointmentResponse> book(BookAppointmentRequest request) {
        PumpEntity pump = pumps.requireActiveForUpdate(request.pumpId());
        PumpCycle cycle = cycles.cycleOf(pump);
        Instant now = clock.instant();
        Instant startsAt = request.startsAt().truncatedTo(ChronoUnit.MICROS);
        BookingSlot slot = cycles.rules().assessBooking(cycle, startsAt, request.reason(), now)
                .orElseThrow(ProblemException::of);
        Drug plannedDrug = cycles.rules().assessPlannedDrug(cycle, request.plannedDrug(), request.reason(), startsAt)
                .orElseThrow(ProblemException::of);
        if (appointments.findOpen(pump.id).isPresent()) {
            throw ProblemException.of(ProblemType.OPEN_APPOINTMENT_EXISTS,
                    "The pump already has an open appointment; reschedule or cancel it instead.");
        }
        AppointmentEntity appointment = new AppointmentEntity();
        appointment.id = UUID.randomUUID();
        appointment.pumpId = pump.id;
        appointment.patientId = pump.patientId;
        appointment.startsAt = startsAt;
        appointment.location = request.location();
        appointment.site = request.site();
        appointment.plannedDrug = plannedDrug;
        // Only a drug nobody chose follows the plan when it changes (AppointmentsFollowThePlan).
        appointment.plannedDrugExplicit = request.plannedDrug() != null;
        appointment.reason = request.reason();
        appointment.status = AppointmentStatus.BOOKED;
        place(appointment, slot);
        appointment.bookedBy = actor.name();
        appointment.bookedAt = now;
        workOrders.orderOnBooking(appointment, now);
        appointments.persist(appointment);
        booked.fire(new AppointmentBooked(appointment.id, pump.id, pump.patientId, startsAt,
                appointment.urgent, now));
        return versioned(appointment);
    }

    /** Moves a booked appointment under the booking rules; its earlier start is kept in its history. */
    @Transactional
    public Versioned<AppointmentResponse> reschedule(UUID id, IfMatch ifMatch, RescheduleRequest request) {
        AppointmentEntity appointment = lockedForChange(id, ifMatch, "rescheduled");
        PumpEntity pump = pumps.requireActiveForUpdate(appointment.pumpId);
        Instant now = clock.instant();
        Instant startsAt = request.startsAt().truncatedTo(ChronoUnit.MICROS);
        PumpCycle cycle = cycles.cycleOf(pump);
        BookingSlot slot = cycles.rules().assessBooking(cycle, startsAt, request.reason(), now)
                .orElseThrow(ProblemException::of);
        AppointmentRescheduleEntity move = new AppointmentRescheduleEntity();
        move.id = UUID.randomUUID();
        move.appointmentId = appointment.id;
        move.previousStartsAt = appointment.startsAt;
        move.newStartsAt = startsAt;
        move.reason = request.reason();
        move.rescheduledBy = actor.name();
        move.rescheduledAt = now;
        appointments.getEntityManager().persist(move);
        appointment.startsAt = startsAt;
        place(appointment, slot);
        workOrders.reopenAfterMove(appointment, now);
        if (!appointment.plannedDrugExplicit) {
            // A drug nobody chose follows the plan at the new start (a glycerol hold's departure, say).
            appointment.plannedDrug = cycles.rules().plannedDrug(cycle, startsAt);
        }
        rescheduled.fire(new AppointmentRescheduled(appointment.id, appointment.pumpId, appointment.patientId,
                move.previousStartsAt, startsAt, appointment.urgent, now));
        return versioned(appointment);
    }

    @Transactional
    public Optional<Versioned<AppointmentResponse>> find(UUID id) {
        return appointments.findByIdOptional(id)
                .map(appointment -> new Versioned<>(view(appointment), appointment.version));
    }

    @Transactional
    public ItemsPage<AppointmentResponse> list(Instant from, Instant to, AppointmentStatus status, PageRequest page) {
        Conditions filters = new Conditions()
                .when(from, "startsAt >= :from", "from")
                .when(to, "startsAt < :to", "to")
                .when(status, "status = :status", "status");
        return ItemsPage.ofRows(appointments.find(filters.orderedBy("startsAt, id"), filters.parameters()), page,
                this::views);
    }

    @Transactional
    public Versioned<AppointmentResponse> cancel(UUID id, IfMatch ifMatch, String reason) {
        AppointmentEntity appointment = lockedForChange(id, ifMatch, "cancelled");
        close(appointment, reason);
        return versioned(appointment);
    }

    /** The views of many appointments with their histories, in two queries, in the order given. */
    public List<AppointmentResponse> views(List<AppointmentEntity> list) {
        Map<UUID, List<AppointmentRescheduleEntity>> histories = appointments.historiesOf(
                list.stream().map(a -> a.id).toList());
        return list.stream().map(a -> AppointmentResponse.of(a, histories.get(a.id))).toList();
    }

    private AppointmentResponse view(AppointmentEntity appointment) {
        return views(List.of(appointment)).get(0);
    }

    /**
     * The appointment, locked for a change: 404 when unknown, 412 when If-Match names another
     * version, 409 unless it is booked. Pump first, then appointment: the order bookings and fills
     * take, so that a change and a fill of the same pump run one after the other.
     */
    AppointmentEntity lockedForChange(UUID id, IfMatch ifMatch, String change) {
        return lockedForChange(appointments.findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("appointment", id)), ifMatch, change);
    }

    AppointmentEntity lockedForChange(AppointmentEntity appointment, IfMatch ifMatch, String change) {
        pumps.lock(appointment.pumpId);
        appointments.getEntityManager().refresh(appointment);
        ifMatch.check(appointment.version);
        if (appointment.status != AppointmentStatus.BOOKED) {
            throw ProblemException.of(ProblemType.APPOINTMENT_NOT_OPEN,
                    "The appointment is " + appointment.status + ": only a booked one can be " + change + ".");
        }
        return appointment;
    }

    /** The refill the appointment is for, the window it was placed in, and whether it is urgent. */
    private static void place(AppointmentEntity appointment, BookingSlot slot) {
        appointment.refillDueAt = slot.refillDueAt();
        appointment.windowOpensAt = slot.window().opensAt();
        appointment.windowClosesAt = slot.window().closesAt();
        appointment.urgent = slot.urgent();
    }

    /** The written appointment and its version. */
    Versioned<AppointmentResponse> versioned(AppointmentEntity appointment) {
        appointments.flush();
        return new Versioned<>(view(appointment), appointment.version);
    }

    /**
     * Completes an appointment with the fill being recorded (the caller's transaction): the one the
     * fill names, which must be the pump's open appointment or one marked missed (the nurse came
     * late), else the pump's open appointment, if any.
     *
     * @return the completed appointment, empty when the fill names none and none was open
     */
    public Optional<AppointmentEntity> completeWithFill(UUID pumpId, UUID namedAppointmentId, UUID fillId) {
        Optional<AppointmentEntity> completed = namedAppointmentId == null ? appointments.findOpen(pumpId)
                : Optional.of(namedForFill(pumpId, namedAppointmentId));
        completed.ifPresent(a -> {
            a.status = AppointmentStatus.COMPLETED;
            a.completedAt = clock.instant();
            a.fillId = fillId;
        });
        return completed;
    }

    /** The appointment a fill names: 404 unless it is the pump's, 409 unless it is booked or missed. */
    private AppointmentEntity namedForFill(UUID pumpId, UUID appointmentId) {
        AppointmentEntity named = appointments.findByIdOptional(appointmentId)
                .filter(a -> a.pumpId.equals(pumpId))
                .orElseThrow(() -> ProblemException.of(ProblemType.NOT_FOUND,
                        "The pump has no appointment with id " + appointmentId + ".", "appointmentId"));
        if (named.status != AppointmentStatus.BOOKED && named.status != AppointmentStatus.MISSED) {
            throw ProblemException.of(ProblemType.APPOINTMENT_NOT_OPEN, "The appointment is " + named.status
                    + ": a fill completes only the pump's open appointment or one it missed.", "appointmentId");
        }
        return named;
    }

    void onPumpRemoved(@Observes PumpRemoved removed) {
        appointments.findOpen(removed.pumpId()).ifPresent(a -> close(a, "Pump removed"));
    }

    private void close(AppointmentEntity appointment, String reason) {
        appointment.status = AppointmentStatus.CANCELLED;
        appointment.cancelledAt = clock.instant();
        appointment.cancelledBy = actor.name();
        appointment.cancellationReason = reason;
        cancelled.fire(new AppointmentCancelled(appointment.id, appointment.pumpId, appointment.patientId,
                appointment.cancelledAt));
    }
}
