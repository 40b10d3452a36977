package org.haipump.appointments;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.haipump.partners.PartnerScope;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.problem.ProblemType;
import org.haipump.platform.security.CurrentActor;
import org.haipump.platform.web.IfMatch;
import org.haipump.platform.web.ItemsPage;
import org.haipump.platform.web.PageRequest;
import org.haipump.platform.web.Versioned;
import org.haipump.pumps.PumpCycles;
import org.haipump.pumps.PumpEntity;
import org.haipump.pumps.PumpService;

/**
 * A partner's answers to its home work orders (accept, decline, propose another start) and the
 * clinic's acceptance of a proposal. A partner reaches only the work orders of the patients
 * assigned to it now; any other appointment answers 404, as an unknown one does.
 */
@ApplicationScoped
public class WorkOrderService {

    /** The visits a partner's list shows: the ones to make, and the ones nobody made. */
    private static final Set<AppointmentStatus> LISTED = EnumSet.of(AppointmentStatus.BOOKED, AppointmentStatus.MISSED);

    private final AppointmentRepository appointments;
    private final AppointmentService appointmentService;
    private final PumpService pumps;
    private final PumpCycles cycles;
    private final PartnerScope scope;
    private final Event<WorkOrderAnswered> answered;
    private final CurrentActor actor;
    private final Clock clock;

    WorkOrderService(AppointmentRepository appointments, AppointmentService appointmentService, PumpService pumps,
                     PumpCycles cycles, PartnerScope scope, Event<WorkOrderAnswered> answered, CurrentActor actor,
                     Clock clock) {
        this.appointments = appointments;
        this.appointmentService = appointmentService;
        this.pumps = pumps;
        this.cycles = cycles;
        this.scope = scope;
        this.answered = answered;
        this.actor = actor;
        this.clock = clock;
    }

    /** The partner's booked and missed work orders, soonest first; {@code status} narrows to one of them. */
    @Transactional
    public ItemsPage<WorkOrderResponse> list(AppointmentStatus status, PageRequest page) {
        UUID partnerId = scope.partnerId();
        Set<AppointmentStatus> statuses = status == null ? LISTED : EnumSet.of(status);
        return ItemsPage.ofRows(appointments.find("""
                        partnerId = ?1 and status in ?2 and patientId in (
                            select a.patientId from PartnerAssignmentEntity a where a.partnerId = ?1 and a.endedAt is null)
                        order by startsAt, id""", partnerId, statuses), page,
                rows -> rows.stream().map(WorkOrderResponse::of).toList());
    }

    @Transactional
    public Versioned<WorkOrderResponse> find(UUID id) {
        AppointmentEntity appointment = visible(id);
        return new Versioned<>(WorkOrderResponse.of(appointment), appointment.version);
    }

    /** The partner will make the visit at its start. Accepting an accepted work order changes nothing. */
    @Transactional
    public Versioned<WorkOrderResponse> accept(UUID id, IfMatch ifMatch) {
        AppointmentEntity appointment = lockedVisible(id, ifMatch, "accepted");
        if (appointment.workOrderStatus != WorkOrderStatus.ACCEPTED) {
            answer(appointment, WorkOrderStatus.ACCEPTED, null, null);
        }
        return versioned(appointment);
    }

    /** The partner cannot make the visit; the clinic books anew or refills at the clinic. */
    @Transactional
    public Versioned<WorkOrderResponse> decline(UUID id, IfMatch ifMatch, DeclineRequest request) {
        AppointmentEntity appointment = lockedVisible(id, ifMatch, "declined");
        if (appointment.workOrderStatus == WorkOrderStatus.DECLINED) {
            throw ProblemException.of(ProblemType.WORK_ORDER_DECLINED, "The work order is declined already.");
        }
        answer(appointment, WorkOrderStatus.DECLINED, null, request.reason().strip());
        return versioned(appointment);
    }

    /** The partner can make the visit at another start, which the booking rules must allow. */
    @Transactional
    public Versioned<WorkOrderResponse> propose(UUID id, IfMatch ifMatch, ProposalRequest request) {
        AppointmentEntity appointment = lockedVisible(id, ifMatch, "answered with a proposal");
        PumpEntity pump = pumps.requireActiveForUpdate(appointment.pumpId);
        Instant startsAt = request.startsAt().truncatedTo(ChronoUnit.MICROS);
        cycles.rules().assessBooking(cycles.cycleOf(pump), startsAt, request.reason(), clock.instant())
                .orElseThrow(ProblemException::of);
        answer(appointment, WorkOrderStatus.PROPOSED, startsAt, null);
        return versioned(appointment);
    }

    /**
     * The clinic takes the partner's proposed start: the visit moves there under the booking rules,
     * as a reschedule (kept in its history), and the work order is accepted.
     */
    @Transactional
    public Versioned<AppointmentResponse> acceptProposal(UUID id, IfMatch ifMatch) {
        AppointmentEntity appointment = appointmentService.lockedForChange(id, ifMatch, "moved to a proposal");
        if (appointment.workOrderStatus != WorkOrderStatus.PROPOSED) {
            throw ProblemException.of(ProblemType.NO_PROPOSAL, "The partner has proposed no other start for this visit.");
        }
        Instant proposed = appointment.proposedStartsAt;
        appointmentService.reschedule(appointment.id, IfMatch.ABSENT,
                new RescheduleRequest(proposed, "Start proposed by the home-infusion partner"));
        appointment.workOrderStatus = WorkOrderStatus.ACCEPTED;
        appointment.workOrderUpdatedAt = clock.instant();
        return appointmentService.versioned(appointment);
    }

    private void answer(AppointmentEntity appointment, WorkOrderStatus status, Instant proposedStartsAt,
                        String declineReason) {
        Instant now = clock.instant();
        appointment.workOrderStatus = status;
        appointment.workOrderUpdatedAt = now;
        appointment.proposedStartsAt = proposedStartsAt;
        appointment.declineReason = declineReason;
        answered.fire(new WorkOrderAnswered(appointment.id, appointment.pumpId, appointment.patientId,
                appointment.partnerId, status, proposedStartsAt, declineReason, now, actor.name()));
    }

    /** The appointment if it is a work order of the caller's partner for a patient assigned to it now; else 404. */
    private AppointmentEntity visible(UUID id) {
        UUID partnerId = scope.partnerId();
        AppointmentEntity appointment = appointments.findByIdOptional(id)
                .filter(a -> partnerId.equals(a.partnerId))
                .orElseThrow(() -> ProblemException.notFound("appointment", id));
        scope.requirePatient(appointment.patientId, "appointment", id);
        return appointment;
    }

    private AppointmentEntity lockedVisible(UUID id, IfMatch ifMatch, String change) {
        AppointmentEntity appointment = appointmentService.lockedForChange(visible(id), ifMatch, change);
        // Re-checked under the lock: an unassignment committed meanwhile took the work order away.
        if (appointment.workOrderStatus == null || !scope.partnerId().equals(appointment.partnerId)) {
            throw ProblemException.notFound("appointment", id);
        }
        return appointment;
    }

    private Versioned<WorkOrderResponse> versioned(AppointmentEntity appointment) {
        appointments.flush();
        return new Versioned<>(WorkOrderResponse.of(appointment), appointment.version);
    }
}
