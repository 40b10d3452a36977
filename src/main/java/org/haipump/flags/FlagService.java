package org.haipump.flags;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.haipump.cycle.AcceptedFill;
import org.haipump.cycle.DeadlineBasis;
import org.haipump.cycle.FlowFinding;
import org.haipump.cycle.FlowMeasurement;
import org.haipump.cycle.NextRefill;
import org.haipump.fills.FillRecorded;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.problem.ProblemType;
import org.haipump.platform.security.CurrentActor;
import org.haipump.platform.web.ItemsPage;
import org.haipump.platform.web.PageRequest;
import org.haipump.pumps.ChemotherapyHoldEnded;
import org.haipump.pumps.PumpRemoved;
import org.haipump.pumps.PumpService;
import org.haipump.platform.persistence.Conditions;

/**
 * Listing and acknowledging flags; raising and resolving them when a fill or a removal ends their
 * cause; resolving review tasks with a nurse's note.
 */
@ApplicationScoped
public class FlagService {

    private final FlagRepository flags;
    private final PumpService pumps;
    private final FlagEvents events;
    private final CurrentActor actor;
    private final Clock clock;

    FlagService(FlagRepository flags, PumpService pumps, FlagEvents events, CurrentActor actor, Clock clock) {
        this.flags = flags;
        this.pumps = pumps;
        this.events = events;
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
            throw ProblemException.of(ProblemType.FLAG_RESOLVED, "The flag was resolved at " + flag.resolvedAt + ".");
        }
        if (flag.acknowledgedAt != null) {
            throw ProblemException.of(ProblemType.FLAG_ACKNOWLEDGED,
                    "The flag was acknowledged at " + flag.acknowledgedAt + " by " + flag.acknowledgedBy + ".");
        }
        flag.acknowledgedAt = clock.instant();
        flag.acknowledgedBy = actor.name();
        return FlagResponse.of(flag);
    }

    /**
     * A review task ({@link FlagKind#isReviewTask}) is resolved by a nurse, saying what the review
     * found. Its kind never changes, so that refusal needs no lock.
     */
    @Transactional
    public FlagResponse resolveReview(UUID id, String note) {
        FlagEntity flag = flags.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("flag", id));
        if (!flag.kind.isReviewTask()) {
            throw ProblemException.of(ProblemType.FLAG_NOT_A_REVIEW_TASK, "A " + flag.kind
                    + " flag is not a review task: the service resolves it when its cause ends.");
        }
        // Pump first, then the flag, as an acknowledgement locks them: a removal resolving the
        // flag at the same time runs before or after this, never across it.
        pumps.lock(flag.pumpId);
        flags.getEntityManager().refresh(flag, LockModeType.PESSIMISTIC_WRITE);
        if (flag.status != FlagStatus.OPEN) {
            throw ProblemException.of(ProblemType.FLAG_RESOLVED, "The flag was resolved at " + flag.resolvedAt + ".");
        }
        flag.status = FlagStatus.RESOLVED;
        flag.resolvedAt = clock.instant();
        flag.resolution = FlagEntity.REVIEWED;
        flag.resolvedBy = actor.name();
        flag.resolutionNote = note.strip();
        events.resolved(flag);
        return FlagResponse.of(flag);
    }

    /**
     * A fill ends the late cycle, and what it found of the pump's flow raises, replaces or resolves
     * the flow flags, and may ask for a patency review. Every resolution comes before the flags this
     * fill raises, so that none resolves its own.
     */
    void onFillRecorded(@Observes FillRecorded fill) {
        UUID pumpId = fill.pumpId();
        Instant at = fill.recordedAt();
        resolveOpen(pumpId, FlagKind.REFILL_OVERDUE, FlagEntity.REFILLED, at);
        FlowMeasurement flow = fill.findings().flow();
        switch (flow.finding()) {
            case IN_TOLERANCE -> {
                resolveOpen(pumpId, FlagKind.FLOW_DEVIATION, FlagEntity.FLOW_IN_TOLERANCE, at);
                resolveOpen(pumpId, FlagKind.NO_FLOW, FlagEntity.FLOW_IN_TOLERANCE, at);
            }
            case FAST, SLOW -> {
                resolveOpen(pumpId, FlagKind.FLOW_DEVIATION, FlagEntity.SUPERSEDED, at);
                boolean fast = flow.finding() == FlowFinding.FAST;
                FlagEntity flag = raise(fill, FlagKind.FLOW_DEVIATION, FlagLevel.WARNING,
                        fast ? fastDetail(flow, fill.nextRefill()) : slowDetail(flow));
                flag.direction = fast ? FlowDirection.FAST : FlowDirection.SLOW;
            }
            case NO_FLOW -> {
                // The strongest flow finding replaces a deviation and an earlier no-flow flag.
                resolveOpen(pumpId, FlagKind.FLOW_DEVIATION, FlagEntity.SUPERSEDED, at);
                resolveOpen(pumpId, FlagKind.NO_FLOW, FlagEntity.SUPERSEDED, at);
                raise(fill, FlagKind.NO_FLOW, FlagLevel.CRITICAL, "The pump did not deliver: at least what the"
                        + " previous fill put in was withdrawn. Suspected occlusion: flow study before chemotherapy.");
            }
            // A pump found empty ran at least its measured rate, which says nothing of whether it now
            // runs in tolerance: its flow flags stay as they are.
            case FOUND_EMPTY, NOT_MEASURED -> {
            }
        }
        String patency = patencyReasons(flow, fill.findings());
        if (patency != null) {
            raise(fill, FlagKind.PATENCY_REVIEW, FlagLevel.WARNING, patency + " Check catheter patency.");
        }
    }

    private FlagEntity raise(FillRecorded fill, FlagKind kind, FlagLevel level, String detail) {
        FlagEntity flag = new FlagEntity();
        flag.id = UUID.randomUUID();
        flag.pumpId = fill.pumpId();
        flag.patientId = fill.patientId();
        flag.kind = kind;
        flag.level = level;
        flag.status = FlagStatus.OPEN;
        flag.cycleFillId = fill.fillId();
        flag.raisedAt = fill.recordedAt();
        flag.detail = detail;
        flags.persist(flag);
        events.raised(flag);
        return flag;
    }

    private void resolveOpen(UUID pumpId, FlagKind kind, String resolution, Instant at) {
        events.resolved(flags.resolveOpen(pumpId, kind, resolution, at), at);
    }

    /** Where the fast pump's prediction now puts its empty time and refill (null after a glycerol fill). */
    private static String fastDetail(FlowMeasurement flow, NextRefill next) {
        String detail = deviates(flow) + " Runs fast";
        if (next == null) {
            return detail + ".";
        }
        if (next.predictedEmptyAt() == null) {
            return detail + ": refill due at " + next.dueAt() + " (no empty time is predicted after glycerol).";
        }
        return detail + ": predicted empty at " + next.predictedEmptyAt()
                + (next.basis() == DeadlineBasis.FLOW ? ", refill due moved to " : ", refill due at ") + next.dueAt() + ".";
    }

    private static String slowDetail(FlowMeasurement flow) {
        return deviates(flow) + " Runs slow: possible catheter occlusion.";
    }

    private static String deviates(FlowMeasurement flow) {
        return String.format(Locale.ROOT, "Measured flow deviates %+.1f%% from the nominal rate.", flow.deviationPercent());
    }

    /** Why the catheter's patency needs a review, or null when nothing asks for one. */
    private static String patencyReasons(FlowMeasurement flow, AcceptedFill findings) {
        List<String> reasons = new ArrayList<>();
        if (flow.finding() == FlowFinding.FOUND_EMPTY) {
            reasons.add(flow.rateIsLowerBound()
                    ? String.format(Locale.ROOT, "Found empty: the pump may have run dry; it ran at least %.3f mL/day.",
                            flow.rateMlPerDay())
                    : "Found empty: the pump may have run dry.");
        }
        if (findings.filledAfterReserve()) {
            reasons.add("Filled after the reserve ended at " + findings.reserveEndedAt() + ".");
        }
        return reasons.isEmpty() ? null : String.join(" ", reasons);
    }

    /** The hold under review is over: its review task is done. */
    void onChemotherapyHoldEnded(@Observes ChemotherapyHoldEnded ended) {
        events.resolved(flags.resolveOpenReview(ended.holdId(), FlagEntity.HOLD_ENDED, ended.at()), ended.at());
    }

    void onPumpRemoved(@Observes PumpRemoved removed) {
        for (FlagKind kind : FlagKind.values()) {
            resolveOpen(removed.pumpId(), kind, FlagEntity.PUMP_REMOVED, removed.at());
        }
    }
}
