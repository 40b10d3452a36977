package org.haipump.pumps;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.haipump.cycle.ProposedFill;
import org.haipump.cycle.TherapyMode;
import org.haipump.patients.PatientEntity;
import org.haipump.patients.PatientService;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.problem.ProblemType;
import org.haipump.platform.security.CurrentActor;
import org.haipump.platform.web.IfMatch;
import org.haipump.platform.web.Versioned;

/**
 * Registering pumps, changing their therapy mode and removing them; the pump's lock, which every
 * change of a pump takes first. What a pump looks like is {@link PumpViews}'.
 */
@ApplicationScoped
public class PumpService {

    private final PumpRepository pumps;
    private final FillRepository fills;
    private final PatientService patients;
    private final PumpCycles cycles;
    private final PumpViews views;
    private final Event<PumpRemoved> removed;
    private final CurrentActor actor;
    private final Clock clock;

    PumpService(PumpRepository pumps, FillRepository fills, PatientService patients, PumpCycles cycles,
                PumpViews views, Event<PumpRemoved> removed, CurrentActor actor, Clock clock) {
        this.pumps = pumps;
        this.fills = fills;
        this.patients = patients;
        this.cycles = cycles;
        this.views = views;
        this.removed = removed;
        this.actor = actor;
        this.clock = clock;
    }

    @Transactional
    public PumpResponse register(RegisterPumpRequest request) {
        PatientEntity patient = patients.require(request.patientId());
        if (request.implantedOn().isAfter(LocalDate.now(clock.withZone(patient.zone())))) {
            throw ProblemException.of(ProblemType.IMPLANT_IN_FUTURE, "implantedOn lies in the future.", "implantedOn");
        }
        if (pumps.hasActivePump(patient.id)) {
            throw ProblemException.of(ProblemType.PATIENT_HAS_ACTIVE_PUMP,
                    "The patient already has a pump in place; record its removal first.", "patientId");
        }
        String serial = request.serialNumber().strip();
        if (pumps.serialTaken(serial)) {
            throw ProblemException.of(ProblemType.DUPLICATE_SERIAL_NUMBER, "A pump with this serial number is registered.",
                    "serialNumber");
        }
        PumpEntity pump = new PumpEntity();
        pump.id = UUID.randomUUID();
        pump.patientId = patient.id;
        pump.model = request.model().strip();
        pump.serialNumber = serial;
        pump.reservoirVolumeMl = request.reservoirVolumeMl();
        pump.nominalFlowRateMlPerDay = request.nominalFlowRateMlPerDay();
        pump.implantedOn = request.implantedOn();
        pump.therapyMode = request.therapyMode() == null ? TherapyMode.ACTIVE : request.therapyMode();
        pump.status = PumpStatus.ACTIVE;
        pump.createdAt = clock.instant();
        pumps.persist(pump);
        if (request.lastFill() != null) {
            onboard(pump, request.lastFill());
        }
        cycles.refresh(pump);
        return views.view(pump);
    }

    /**
     * The fill a pump had before it was registered becomes its first fill, under the rules of any
     * first fill (no expected drug, so no deviation), so that onboarding raises no false flag.
     */
    private void onboard(PumpEntity pump, LastFillRequest lastFill) {
        Instant now = clock.instant();
        Instant performedAt = lastFill.performedAt().truncatedTo(ChronoUnit.MICROS);
        cycles.rules().assessFill(cycles.cycleOf(pump),
                        new ProposedFill(performedAt, lastFill.drug(), lastFill.volumeMl().doubleValue(), null, null), now)
                .orElseThrow(refusal -> ProblemException.of(refusal.withField("lastFill." + refusal.details().get("field"))));
        FillEntity fill = new FillEntity();
        fill.id = UUID.randomUUID();
        fill.pumpId = pump.id;
        fill.performedAt = performedAt;
        fill.drug = lastFill.drug();
        fill.volumeMl = lastFill.volumeMl();
        fill.deviation = false;
        fill.notes = "Recorded at registration";
        fill.recordedBy = actor.name();
        fill.recordedAt = now;
        fills.persist(fill);
        fills.flush();
        pump.lastFillId = fill.id;
    }

    @Transactional
    public Versioned<PumpResponse> changeTherapyMode(UUID id, IfMatch ifMatch, TherapyMode mode) {
        PumpEntity pump = requireActiveForUpdate(id, ifMatch);
        pump.therapyMode = mode;
        cycles.replan(pump);
        return versioned(pump);
    }

    @Transactional
    public Versioned<PumpResponse> remove(UUID id, IfMatch ifMatch, RemovalRequest request) {
        PumpEntity pump = requireActiveForUpdate(id, ifMatch);
        PatientEntity patient = patients.require(pump.patientId);
        if (request.removedOn().isBefore(pump.implantedOn)) {
            throw ProblemException.of(ProblemType.REMOVAL_BEFORE_IMPLANT,
                    "removedOn lies before the pump was implanted on " + pump.implantedOn + ".", "removedOn");
        }
        FillEntity latest = pump.lastFillId == null ? null : fills.findById(pump.lastFillId);
        if (latest != null && request.removedOn().isBefore(latest.performedAt.atZone(patient.zone()).toLocalDate())) {
            throw ProblemException.of(ProblemType.REMOVAL_BEFORE_LATEST_FILL,
                    "removedOn lies before the pump's latest fill on "
                            + latest.performedAt.atZone(patient.zone()).toLocalDate() + ".", "removedOn");
        }
        if (request.removedOn().isAfter(LocalDate.now(clock.withZone(patient.zone())))) {
            throw ProblemException.of(ProblemType.REMOVAL_IN_FUTURE, "removedOn lies in the future.", "removedOn");
        }
        pump.status = PumpStatus.REMOVED;
        pump.removedOn = request.removedOn();
        pump.removalReason = request.reason();
        pump.removalNote = request.note();
        cycles.refresh(pump);
        removed.fire(new PumpRemoved(pump.id, pump.patientId, clock.instant(), actor.name()));
        return versioned(pump);
    }

    /** The pump, or a 404 problem. */
    public PumpEntity require(UUID id) {
        return pumps.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("pump", id));
    }

    /** Locks the pump for this transaction, whatever its status. */
    public void lock(UUID id) {
        pumps.findForUpdate(id).orElseThrow(() -> ProblemException.notFound("pump", id));
    }

    /** The pump locked for this transaction; 404 when unknown, 409 when removed. */
    public PumpEntity requireActiveForUpdate(UUID id) {
        return requireActiveForUpdate(id, IfMatch.ABSENT);
    }

    /**
     * The pump locked for this transaction, for a change: 404 when unknown, 412 when it is no longer
     * at a version {@code If-Match} names, 409 when removed.
     */
    public PumpEntity requireActiveForUpdate(UUID id, IfMatch ifMatch) {
        PumpEntity pump = pumps.findForUpdate(id).orElseThrow(() -> ProblemException.notFound("pump", id));
        ifMatch.check(pump.version);
        if (!pump.isActive()) {
            throw ProblemException.of(ProblemType.PUMP_REMOVED, "The pump was removed on " + pump.removedOn + ".");
        }
        return pump;
    }

    /** The changed pump and the version the change wrote. */
    private Versioned<PumpResponse> versioned(PumpEntity pump) {
        pumps.flush();
        return new Versioned<>(views.view(pump), pump.version);
    }
}
