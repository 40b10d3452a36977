package org.haipump.pumps;

import jakarta.enterprise.context.ApplicationScoped;
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
        return cyclesOf(List.of(pump)).get(pump.id);
    }

    /** The cycles of many pumps in four queries, whatever their number. */
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
        Map<UUID, List<GlycerolHold>> holdsByPump = holds.forPumps(pumpIds).stream().collect(
                Collectors.groupingBy(h -> h.pumpId, Collectors.mapping(GlycerolHoldEntity::toHold, Collectors.toList())));

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
                    holdsByPump.getOrDefault(pump.id, List.of())));
        }
        return cycles;
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
