package org.haipump.flags;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.haipump.fills.FillRecorded;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.security.CurrentActor;
import org.haipump.platform.web.ItemsPage;
import org.haipump.platform.web.PageRequest;
import org.haipump.pumps.ChemotherapyHoldEnded;
import org.haipump.pumps.PumpRemoved;
import org.haipump.pumps.PumpService;
import org.haipump.platform.persistence.Conditions;

/** Listing and acknowledging flags; resolving them when a fill, a removal or the end of a hold ends their cause. */
@ApplicationScoped
public class FlagService {

    private final FlagRepository flags;
    private final PumpService pumps;
    private final CurrentActor actor;
    private final Clock clock;

    FlagService(FlagRepository flags, PumpService pumps, CurrentActor actor, Clock clock) {
        this.flags = flags;
        this.pumps = pumps;
        this.actor = actor;
        this.clock = clock;
    }

    @Transactional
    public ItemsPage<FlagResponse> list(FlagStatus status, UUID pumpId, PageRequest page) {
        Conditions filters = new Conditions()
                .when(status, "status = :status", "status")
                .when(pumpId, "pumpId = :pumpId", "pumpId");
        return ItemsPage.of(flags.find(filters.orderedBy("raisedAt desc, id"), filters.parameters()), page,
                FlagResponse::of);
    }

    @Transactional
    public Optional<FlagResponse> find(UUID id) {
        return flags.findByIdOptional(id).map(FlagResponse::of);
    }

    @Transactional
    public FlagResponse acknowledge(UUID id) {
        FlagEntity flag = flags.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("flag", id));
        // Pump first, the order fills take: an acknowledgement and the refill that resolves the flag
        // run one after the other, so that acknowledgedAt never follows resolvedAt. The flag is locked
        // too, so that a concurrent escalation (which takes no pump lock) is seen here rather than lost.
        pumps.lock(flag.pumpId);
        flags.getEntityManager().refresh(flag, LockModeType.PESSIMISTIC_WRITE);
        if (flag.status != FlagStatus.OPEN) {
            throw ProblemException.conflict("flag-resolved", "The flag was resolved at " + flag.resolvedAt + ".");
        }
        if (flag.acknowledgedAt != null) {
            throw ProblemException.conflict("flag-acknowledged",
                    "The flag was acknowledged at " + flag.acknowledgedAt + " by " + flag.acknowledgedBy + ".");
        }
        flag.acknowledgedAt = clock.instant();
        flag.acknowledgedBy = actor.name();
        return FlagResponse.of(flag);
    }

    /** A fill ends the late cycle, and its flow measurement may raise or clear a flow flag. */
    void onFillRecorded(@Observes FillRecorded fill) {
        flags.resolveOpen(fill.pumpId(), FlagKind.REFILL_OVERDUE, FlagEntity.REFILLED, fill.recordedAt());
        if (fill.flowDeviationPercent() == null) {
            return;
        }
        if (!fill.flowOutOfTolerance()) {
            flags.resolveOpen(fill.pumpId(), FlagKind.FLOW_DEVIATION, FlagEntity.FLOW_IN_TOLERANCE, fill.recordedAt());
            return;
        }
        flags.resolveOpen(fill.pumpId(), FlagKind.FLOW_DEVIATION, FlagEntity.SUPERSEDED, fill.recordedAt());
        FlagEntity flag = new FlagEntity();
        flag.id = UUID.randomUUID();
        flag.pumpId = fill.pumpId();
        flag.patientId = fill.patientId();
        flag.kind = FlagKind.FLOW_DEVIATION;
        flag.level = FlagLevel.WARNING;
        flag.status = FlagStatus.OPEN;
        flag.cycleFillId = fill.fillId();
        flag.raisedAt = fill.recordedAt();
        flag.detail = String.format(java.util.Locale.ROOT,
                "Measured flow deviates %+.1f%% from the nominal rate.", fill.flowDeviationPercent());
        flags.persist(flag);
    }

    /** The hold under review is over: its review task is done. */
    void onChemotherapyHoldEnded(@Observes ChemotherapyHoldEnded ended) {
        flags.resolveOpenReview(ended.holdId(), FlagEntity.HOLD_ENDED, ended.at());
    }

    void onPumpRemoved(@Observes PumpRemoved removed) {
        for (FlagKind kind : FlagKind.values()) {
            flags.resolveOpen(removed.pumpId(), kind, FlagEntity.PUMP_REMOVED, removed.at());
        }
    }
}
