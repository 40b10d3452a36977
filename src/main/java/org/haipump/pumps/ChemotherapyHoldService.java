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
import org.haipump.cycle.ChemotherapyHold;
import org.haipump.cycle.PumpCycle;
import org.haipump.cycle.RefillCycle;
import org.haipump.patients.PatientService;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.security.CurrentActor;
import org.haipump.platform.web.IfMatch;

/**
 * Starting and ending chemotherapy holds. A hold changes the pump's plan (heparin instead of
 * chemotherapy): each change takes the pump's lock first, honours {@code If-Match} on the pump and
 * moves the pump's ETag.
 */
@ApplicationScoped
public class ChemotherapyHoldService {

    private final PumpService pumps;
    private final ChemotherapyHoldRepository holds;
    private final PumpCycles cycles;
    private final PatientService patients;
    private final Event<ChemotherapyHoldStarted> started;
    private final Event<ChemotherapyHoldEnded> ended;
    private final CurrentActor actor;
    private final Clock clock;

    ChemotherapyHoldService(PumpService pumps, ChemotherapyHoldRepository holds, PumpCycles cycles,
                            PatientService patients, Event<ChemotherapyHoldStarted> started,
                            Event<ChemotherapyHoldEnded> ended, CurrentActor actor, Clock clock) {
        this.pumps = pumps;
        this.holds = holds;
        this.cycles = cycles;
        this.patients = patients;
        this.started = started;
        this.ended = ended;
        this.actor = actor;
        this.clock = clock;
    }

    @Transactional
    public ChemotherapyHoldResponse start(UUID pumpId, IfMatch ifMatch, ChemotherapyHoldRequest request) {
        if (request.reviewOn().isBefore(request.startsOn())) {
            throw ProblemException.invalid("reviewOn", "must not be before startsOn");
        }
        PumpEntity pump = pumps.requireActiveForUpdate(pumpId, ifMatch);
        PumpCycle cycle = cycles.cycleOf(pump);
        ChemotherapyHold hold = cycles.rules()
                .startChemotherapyHold(cycle, ChemotherapyHold.lasting(request.startsOn(), request.reviewOn()),
                        LocalDate.now(clock.withZone(cycle.zone())))
                .orElseThrow(ProblemException::of);
        ChemotherapyHoldEntity entity = new ChemotherapyHoldEntity();
        entity.id = UUID.randomUUID();
        entity.pumpId = pump.id;
        entity.startsOn = hold.startsOn();
        entity.reviewOn = hold.reviewOn();
        entity.reason = request.reason().strip();
        entity.createdBy = actor.name();
        entity.createdAt = clock.instant();
        holds.persist(entity);
        holds.flush();
        cycles.replanForHold(pump);
        started.fire(new ChemotherapyHoldStarted(entity.id, pump.id, pump.patientId, entity.startsOn, entity.reviewOn,
                entity.createdAt, entity.createdBy));
        return ChemotherapyHoldResponse.of(entity);
    }

    /**
     * Ends a lasting hold: chemotherapy may be given again from {@code endsOn} (today when absent).
     * Pump first, then hold: the overdue scan locks the hold when it raises its review, so that an
     * end and a review never cross (an open review of an ended hold).
     */
    @Transactional
    public ChemotherapyHoldResponse end(UUID pumpId, UUID holdId, IfMatch ifMatch, EndChemotherapyHoldRequest request) {
        PumpEntity pump = pumps.requireActiveForUpdate(pumpId, ifMatch);
        ChemotherapyHoldEntity entity = holds.findForUpdate(pumpId, holdId)
                .orElseThrow(() -> ProblemException.notFound("chemotherapy hold", holdId));
        LocalDate today = LocalDate.now(clock.withZone(patients.require(pump.patientId).zone()));
        ChemotherapyHold hold = entity.toHold();
        LocalDate endsOn = request.endsOn() != null ? request.endsOn() : RefillCycle.defaultEnd(hold, today);
        ChemotherapyHold ending = cycles.rules().endChemotherapyHold(hold, endsOn, today)
                .orElseThrow(ProblemException::of);
        Instant now = clock.instant();
        entity.endsOn = ending.endsOn();
        entity.endNote = request.note() == null || request.note().isBlank() ? null : request.note().strip();
        entity.endedBy = actor.name();
        entity.endedAt = now;
        holds.flush();
        cycles.replanForHold(pump);
        ended.fire(new ChemotherapyHoldEnded(entity.id, pump.id, pump.patientId, entity.endsOn, now, entity.endedBy));
        return ChemotherapyHoldResponse.of(entity);
    }

    /** Every hold of the pump, lasting and ended, in the order they started. */
    @Transactional
    public List<ChemotherapyHoldResponse> list(UUID pumpId) {
        pumps.require(pumpId);
        return holds.forPump(pumpId).stream().map(ChemotherapyHoldResponse::of).toList();
    }

    @Transactional
    public Optional<ChemotherapyHoldResponse> find(UUID pumpId, UUID holdId) {
        return holds.findByIdOptional(holdId).filter(h -> h.pumpId.equals(pumpId)).map(ChemotherapyHoldResponse::of);
    }
}
