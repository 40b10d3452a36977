package org.haipump.pumps;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.haipump.cycle.ChemotherapyHold;
import org.haipump.cycle.Drug;
import org.haipump.cycle.GlycerolHold;
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

    private final PumpRepository pumps;
    private final FillRepository fills;
    private final GlycerolHoldRepository holds;
    private final ChemotherapyHoldRepository chemotherapyHolds;
    private final PatientRepository patients;
    private final RefillCycle rules;
    private final Event<PumpPlanChanged> planChanged;
    private final Clock clock;

    PumpCycles(PumpRepository pumps, FillRepository fills, GlycerolHoldRepository holds,
               ChemotherapyHoldRepository chemotherapyHolds, PatientRepository patients, RefillCycle rules,
               Event<PumpPlanChanged> planChanged, Clock clock) {
        this.pumps = pumps;
        this.fills = fills;
        this.holds = holds;
        this.chemotherapyHolds = chemotherapyHolds;
        this.patients = patients;
        this.rules = rules;
        this.planChanged = planChanged;
        this.clock = clock;
    }

    public RefillCycle rules() {
        return rules;
    }

    public PumpCycle cycleOf(PumpEntity pump) {
        return cyclesOf(List.of(pump)).get(pump.id);
    }

    /** The cycles of many pumps in five queries, whatever their number. */
    public Map<UUID, PumpCycle> cyclesOf(Collection<PumpEntity> pumps) {
        return cyclesOf(pumps, lastFillsOf(pumps));
    }

    /** The pumps' latest fills by id, in one query. */
    public Map<UUID, FillEntity> lastFillsOf(Collection<PumpEntity> pumps) {
        List<UUID> lastFillIds = pumps.stream().map(p -> p.lastFillId).filter(Objects::nonNull).toList();
        return lastFillIds.isEmpty() ? Map.of()
                : fills.byIds(lastFillIds).stream().collect(Collectors.toMap(f -> f.id, Function.identity()));
    }

    /** The cycles of many pumps whose latest fills are already loaded. */
    public Map<UUID, PumpCycle> cyclesOf(Collection<PumpEntity> pumps, Map<UUID, FillEntity> lastFills) {
        if (pumps.isEmpty()) {
            return Map.of();
        }
        List<UUID> pumpIds = pumps.stream().map(p -> p.id).toList();
        Map<UUID, PatientEntity> patientsById = patients.byIds(pumps.stream().map(p -> p.patientId).distinct().toList())
                .stream().collect(Collectors.toMap(p -> p.id, Function.identity()));
        Map<UUID, Drug> lastRestDrugs = lastFills.isEmpty() ? Map.of() : fills.lastRestDrugs(pumpIds);
        Map<UUID, List<GlycerolHold>> holdsByPump = holds.plannedForPumps(pumpIds).stream().collect(
                Collectors.groupingBy(h -> h.pumpId, Collectors.mapping(GlycerolHoldEntity::toHold, Collectors.toList())));
        Map<UUID, List<ChemotherapyHold>> chemotherapyHoldsByPump = chemotherapyHolds.forPumps(pumpIds).stream()
                .collect(Collectors.groupingBy(h -> h.pumpId,
                        Collectors.mapping(ChemotherapyHoldEntity::toHold, Collectors.toList())));

        Map<UUID, PumpCycle> cycles = new HashMap<>();
        for (PumpEntity pump : pumps) {
            FillEntity last = pump.lastFillId == null ? null : lastFills.get(pump.lastFillId);
            cycles.put(pump.id, new PumpCycle(
                    pump.isActive(),
                    pump.therapyMode,
                    patientsById.get(pump.patientId).zone(),
                    pump.implantedOn,
                    pump.reservoirVolumeMl.doubleValue(),
                    pump.nominalFlowRateMlPerDay.doubleValue(),
                    last == null ? null : last.toFact(),
                    lastRestDrugs.get(pump.id),
                    pump.latestMeasuredFlowMlPerDay == null ? null : pump.latestMeasuredFlowMlPerDay.doubleValue(),
                    pump.latestFlowIsLowerBound,
                    holdsByPump.getOrDefault(pump.id, List.of()),
                    chemotherapyHoldsByPump.getOrDefault(pump.id, List.of())));
        }
        return cycles;
    }

    /** Recomputes the pump's next refill from its history and stores it on the pump row. */
    public Optional<NextRefill> refresh(PumpEntity pump) {
        return refreshed(pump).next();
    }

    /**
     * The pump's plan changed (its therapy mode): the next refill is recomputed, and whatever
     * follows the plan (open appointments) hears of it.
     */
    public void replan(PumpEntity pump) {
        planChanged.fire(new PumpPlanChanged(pump.id, refreshed(pump).cycle(), clock.instant()));
    }

    /**
     * A hold changed the pump's plan, which its row may not show (a hold beyond the next refill): the
     * pump's version moves all the same, so that its ETag does, then {@link #replan}.
     */
    public void replanForHold(PumpEntity pump) {
        pumps.getEntityManager().lock(pump, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
        replan(pump);
    }

    /**
     * A glycerol fill just recorded that a planned hold asked for (judged on the pump's cycle before
     * the fill) is that hold's: the hold is FILLED, and the fill no rest drug of the pump's own.
     */
    public void linkToGlycerolHold(PumpCycle before, FillEntity fill) {
        if (fill.drug != Drug.GLYCEROL) {
            return;
        }
        rules.glycerolHoldAt(before, fill.performedAt).ifPresent(asked -> holds.forPump(fill.pumpId).stream()
                .filter(h -> h.status == GlycerolHoldStatus.PLANNED && h.toHold().equals(asked))
                .findFirst()
                .ifPresent(hold -> {
                    hold.status = GlycerolHoldStatus.FILLED;
                    hold.glycerolFillId = fill.id;
                }));
    }

    private record Refreshed(PumpCycle cycle, Optional<NextRefill> next) {
    }

    /** Stores the pump's next refill from its history; with the cycle it was computed from. */
    private Refreshed refreshed(PumpEntity pump) {
        PumpCycle cycle = cycleOf(pump);
        Optional<NextRefill> next = rules.nextRefill(cycle, clock.instant());
        pump.nextDueAt = next.map(NextRefill::dueAt).orElse(null);
        pump.reserveEndsAt = next.map(NextRefill::reserveEndsAt).orElse(null);
        pump.nextDrug = next.map(NextRefill::drug).orElse(null);
        return new Refreshed(cycle, next);
    }
}
