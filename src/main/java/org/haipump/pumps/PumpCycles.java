package org.haipump.pumps;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;
import org.haipump.cycle.FillFact;
import org.haipump.cycle.NextRefill;
import org.haipump.cycle.PumpCycle;
import org.haipump.cycle.RefillCycle;
import org.haipump.patients.PatientEntity;
import org.haipump.patients.PatientRepository;

/**
 * Loads a pump's history into the domain's {@link PumpCycle}, and writes the derived next-refill
 * columns back so that the worklist and the overdue scan can stay set-based.
 */
@ApplicationScoped
public class PumpCycles {

    private final FillRepository fills;
    private final GlycerolHoldRepository holds;
    private final PatientRepository patients;
    private final RefillCycle rules;
    private final Clock clock;

    PumpCycles(FillRepository fills, GlycerolHoldRepository holds, PatientRepository patients,
               RefillCycle rules, Clock clock) {
        this.fills = fills;
        this.holds = holds;
        this.patients = patients;
        this.rules = rules;
        this.clock = clock;
    }

    public RefillCycle rules() {
        return rules;
    }

    public PumpCycle cycleOf(PumpEntity pump) {
        PatientEntity patient = patients.findById(pump.patientId);
        FillFact last = pump.lastFillId == null ? null : fills.findById(pump.lastFillId).toFact();
        return new PumpCycle(
                pump.isActive(),
                pump.therapyMode,
                patient.zone(),
                pump.implantedOn,
                pump.reservoirVolumeMl.doubleValue(),
                pump.nominalFlowRateMlPerDay.doubleValue(),
                last,
                last == null ? null : fills.lastRestDrug(pump.id).orElse(null),
                pump.latestMeasuredFlowMlPerDay == null ? null : pump.latestMeasuredFlowMlPerDay.doubleValue(),
                holds.forPump(pump.id).stream().map(GlycerolHoldEntity::toHold).toList());
    }

    /** Recomputes the pump's next refill from its history and stores it on the pump row. */
    public Optional<NextRefill> refresh(PumpEntity pump) {
        Optional<NextRefill> next = rules.nextRefill(cycleOf(pump), clock.instant());
        pump.nextDueAt = next.map(NextRefill::dueAt).orElse(null);
        pump.reserveEndsAt = next.map(NextRefill::reserveEndsAt).orElse(null);
        pump.nextDrug = next.map(NextRefill::drug).orElse(null);
        return next;
    }
}
