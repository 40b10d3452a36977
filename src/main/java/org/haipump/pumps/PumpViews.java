package org.haipump.pumps;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.haipump.cycle.PumpCycle;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.web.ItemsPage;
import org.haipump.platform.web.PageRequest;
import org.haipump.platform.web.Versioned;

/**
 * The read side of pumps: what a pump looks like (its row, latest fill and next refill by the same
 * rules as every command) and its projected schedule. A single pump is read in one statement
 * without loading an entity; the commands answer with {@link #view} of the pump they changed.
 */
@ApplicationScoped
public class PumpViews {

    private final PumpRepository pumps;
    private final PumpCycles cycles;
    private final Clock clock;

    PumpViews(PumpRepository pumps, PumpCycles cycles, Clock clock) {
        this.pumps = pumps;
        this.cycles = cycles;
        this.clock = clock;
    }

    /** The pump's view and the version it shows, in one statement. */
    @Transactional
    public Optional<Versioned<PumpResponse>> find(UUID id) {
        return cycles.viewed(id).map(viewed -> new Versioned<>(view(viewed.pump(), viewed.loaded(), clock.instant()),
                viewed.pump().version));
    }

    @Transactional
    public ItemsPage<PumpResponse> list(UUID patientId, PageRequest page) {
        var query = patientId == null ? pumps.find("order by createdAt desc, id")
                : pumps.find("patientId = ?1 order by createdAt desc, id", patientId);
        return ItemsPage.ofRows(query, page, this::views);
    }

    @Transactional
    public List<ProjectedRefillResponse> schedule(UUID id, int count) {
        PumpEntity pump = pumps.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("pump", id));
        PumpCycle cycle = cycles.cycleOf(pump);
        return cycles.rules().schedule(cycle, count).stream()
                .map(refill -> ProjectedRefillResponse.of(refill, cycle.zone())).toList();
    }

    /** The view of a pump a command holds, its unflushed changes included. */
    public PumpResponse view(PumpEntity pump) {
        return views(List.of(pump)).get(0);
    }

    /** The views of many pumps with a fixed number of queries, in the order given. */
    private List<PumpResponse> views(List<PumpEntity> list) {
        Map<UUID, PumpCycles.Loaded> loaded = cycles.loadedOf(list);
        Instant now = clock.instant();
        return list.stream().map(pump -> view(pump, loaded.get(pump.id), now)).toList();
    }

    private PumpResponse view(PumpEntity pump, PumpCycles.Loaded facts, Instant now) {
        PumpCycle cycle = facts.cycle();
        NextRefillResponse next = cycles.rules().nextRefill(cycle, now)
                .map(refill -> NextRefillResponse.of(refill, cycle.zone())).orElse(null);
        return new PumpResponse(pump.id, pump.patientId, pump.model, pump.serialNumber, pump.reservoirVolumeMl,
                pump.nominalFlowRateMlPerDay, pump.implantedOn, pump.therapyMode, pump.status, pump.removedOn,
                pump.removalReason, pump.removalNote, pump.latestMeasuredFlowMlPerDay, facts.lastFill(), next,
                pump.createdAt);
    }
}
