package org.haipump.pumps;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.haipump.cycle.GlycerolHold;
import org.haipump.cycle.PlannedGlycerolFill;
import org.haipump.cycle.PumpCycle;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.problem.ProblemType;
import org.haipump.platform.security.CurrentActor;
import org.haipump.platform.web.IfMatch;

/**
 * Planning and cancelling glycerol holds. A hold changes the pump's plan (its schedule, maybe its
 * next drug): each change takes the pump's lock first, honours {@code If-Match} on the pump and
 * moves the pump's ETag.
 */
@ApplicationScoped
public class GlycerolHoldService {

    private final PumpService pumps;
    private final GlycerolHoldRepository holds;
    private final PumpCycles cycles;
    private final Event<GlycerolHoldPlanned> planned;
    private final Event<GlycerolHoldCancelled> cancelled;
    private final CurrentActor actor;
    private final Clock clock;

    GlycerolHoldService(PumpService pumps, GlycerolHoldRepository holds, PumpCycles cycles,
                        Event<GlycerolHoldPlanned> planned, Event<GlycerolHoldCancelled> cancelled, CurrentActor actor,
                        Clock clock) {
        this.pumps = pumps;
        this.holds = holds;
        this.cycles = cycles;
        this.planned = planned;
        this.cancelled = cancelled;
        this.actor = actor;
        this.clock = clock;
    }

    @Transactional
    public GlycerolHoldResponse plan(UUID pumpId, IfMatch ifMatch, GlycerolHoldRequest request) {
        if (!request.returnOn().isAfter(request.departOn())) {
            throw ProblemException.invalid("returnOn", "must be after departOn");
        }
        PumpEntity pump = pumps.requireActiveForUpdate(pumpId, ifMatch);
        PumpCycle cycle = cycles.cycleOf(pump);
        GlycerolHold hold = new GlycerolHold(request.departOn(), request.returnOn());
        PlannedGlycerolFill glycerolFill = cycles.rules()
                .planHold(cycle, hold, LocalDate.now(clock.withZone(cycle.zone())))
                .orElseThrow(ProblemException::of);
        GlycerolHoldEntity entity = new GlycerolHoldEntity();
        entity.id = UUID.randomUUID();
        entity.pumpId = pump.id;
        entity.departOn = hold.departOn();
        entity.returnOn = hold.returnOn();
        entity.plannedRefillDueAt = glycerolFill.refillDueAt();
        entity.coversUntil = glycerolFill.coversUntil();
        entity.status = GlycerolHoldStatus.PLANNED;
        entity.createdBy = actor.name();
        entity.createdAt = clock.instant();
        holds.persist(entity);
        holds.flush();
        cycles.replanForHold(pump);
        planned.fire(new GlycerolHoldPlanned(entity.id, pump.id, pump.patientId, entity.departOn, entity.returnOn,
                entity.plannedRefillDueAt, entity.createdAt, entity.createdBy));
        return GlycerolHoldResponse.of(entity);
    }

    /**
     * Cancels a hold whose glycerol fill has not been recorded: the plan goes back to what it was
     * without the hold. The hold is kept, CANCELLED. Pump first, then hold: the order fills take,
     * so that a cancellation and the hold's glycerol fill happen one after the other.
     */
    @Transactional
    public GlycerolHoldResponse cancel(UUID pumpId, UUID holdId, IfMatch ifMatch,
                                       GlycerolHoldCancellationRequest request) {
        PumpEntity pump = pumps.requireActiveForUpdate(pumpId, ifMatch);
        GlycerolHoldEntity hold = holds.findForUpdate(pumpId, holdId)
                .orElseThrow(() -> ProblemException.notFound("glycerol hold", holdId));
        if (hold.status == GlycerolHoldStatus.CANCELLED) {
            throw ProblemException.of(ProblemType.GLYCEROL_HOLD_CANCELLED,
                    "The hold was cancelled at " + hold.cancelledAt + " by " + hold.cancelledBy + ".");
        }
        if (hold.status == GlycerolHoldStatus.FILLED) {
            throw ProblemException.of(ProblemType.GLYCEROL_HOLD_FILLED,
                    "The hold's glycerol fill was recorded (fill " + hold.glycerolFillId
                            + "): the pump is filled for the absence, so the hold can no longer be cancelled.");
        }
        Instant now = clock.instant();
        hold.status = GlycerolHoldStatus.CANCELLED;
        hold.cancelledAt = now;
        hold.cancelledBy = actor.name();
        hold.cancellationReason = request.reason().strip();
        holds.flush();
        cycles.replanForHold(pump);
        cancelled.fire(new GlycerolHoldCancelled(hold.id, pump.id, pump.patientId, now, hold.cancelledBy));
        return GlycerolHoldResponse.of(hold);
    }

    /** Every hold of the pump, cancelled ones included. */
    @Transactional
    public List<GlycerolHoldResponse> list(UUID pumpId) {
        pumps.require(pumpId);
        return holds.forPump(pumpId).stream().map(GlycerolHoldResponse::of).toList();
    }

    @Transactional
    public Optional<GlycerolHoldResponse> find(UUID pumpId, UUID holdId) {
        return holds.findByIdOptional(holdId).filter(h -> h.pumpId.equals(pumpId)).map(GlycerolHoldResponse::of);
    }
}
