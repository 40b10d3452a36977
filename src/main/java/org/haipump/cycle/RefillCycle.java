package org.haipump.cycle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The refill cycle rules of DOMAIN.md: when the next refill is due, which drug it takes, whether a
 * fill, an appointment or a glycerol hold is allowed. Pure: time comes in as arguments.
 */
public final class RefillCycle {

    /** A projection never walks further than this many refills (about fifteen years). */
    private static final int MAX_PROJECTED_REFILLS = 400;
    /** How far ahead a glycerol hold may be planned: beyond that the schedule will have changed. */
    public static final int MAX_HOLD_DAYS_AHEAD = 365;

    private final CyclePolicy policy;

    public RefillCycle(CyclePolicy policy) {
        this.policy = policy;
    }

    public CyclePolicy policy() {
        return policy;
    }

    /**
     * The deadline of the pump's next refill, counted from its latest fill (or, before any, from the
     * implant fill) at the rate predictions use.
     */
    public RefillDeadline deadline(PumpCycle pump) {
        return policy.deadline(pump.cycleStart(), predictionRate(pump), !pump.hasFills());
    }

    /** The next refill, or empty after removal. A pump never filled counts from its implant fill. */
    public Optional<NextRefill> nextRefill(PumpCycle pump, Instant now) {
        if (!pump.active()) {
            return Optional.empty();
        }
        RefillDeadline deadline = deadline(pump);
        return Optional.of(new NextRefill(
                deadline.dueAt(),
                deadline.reserveEndsAt(),
                drugFor(pump, deadline.dueAt(), now),
                policy.statusAt(deadline.dueAt(), now),
                deadline.predictedEmptyAt(),
                deadline.basis()));
    }

    /** The drug the next refill should take if it happens on its due time, or null before the first fill. */
    public Drug expectedDrug(PumpCycle pump) {
        if (!pump.hasFills()) {
            return null;
        }
        Instant dueAt = deadline(pump).dueAt();
        return drugFor(pump, dueAt, dueAt);
    }

    /**
     * The drug the next refill should take if it happens at {@code at}: a glycerol hold whose
     * departure day has gone by no longer asks for glycerol (the patient left without it, or is back).
     * Null before the first recorded fill: the first fill has no expectation.
     */
    public Drug expectedDrug(PumpCycle pump, Instant at) {
        if (!pump.hasFills()) {
            return null;
        }
        return plannedDrug(pump, at);
    }

    /** The drug the plan gives the next refill if it happens at {@code at}, a never-filled pump included. */
    public Drug plannedDrug(PumpCycle pump, Instant at) {
        return drugFor(pump, deadline(pump).dueAt(), at);
    }

    /** The next {@code count} refills, as if each happened on its due time with the latest fill's volume. */
    public List<ProjectedRefill> schedule(PumpCycle pump, int count) {
        List<ProjectedRefill> refills = new ArrayList<>(count);
        if (!pump.active()) {
            return refills;
        }
        PumpCycle state = pump;
        for (int i = 0; i < count; i++) {
            RefillDeadline deadline = deadline(state);
            Drug drug = drugFor(state, deadline.dueAt(), deadline.dueAt());
            refills.add(new ProjectedRefill(deadline.dueAt(), deadline.reserveEndsAt(), drug, deadline.basis()));
            state = state.after(new FillFact(deadline.dueAt(), drug, state.cycleStart().volumeMl()));
        }
        return refills;
    }

    /**
     * The rate predictions use: the latest trustworthy measured rate, else the nominal one. A rate
     * measured on a pump found empty is only a lower bound, so the larger of it and the nominal rate.
     */
    public static double predictionRate(PumpCycle pump) {
        Double measured = pump.latestMeasuredFlowMlPerDay();
        if (measured == null || !(measured > 0)) {
            return pump.nominalFlowMlPerDay();
        }
        return pump.measuredFlowIsLowerBound() ? Math.max(measured, pump.nominalFlowMlPerDay()) : measured;
    }

    /** Whether a reported fill may be recorded, and what follows from it. */
    public Decision<AcceptedFill> assessFill(PumpCycle pump, ProposedFill fill, Instant now) {
        if (!pump.active()) {
            return Decision.refuse(Refusal.conflict("pump-removed", "The pump has been removed: no more fills."));
        }
        if (fill.performedAt().isAfter(now.plus(CyclePolicy.FUTURE_TOLERANCE))) {
            return Decision.refuse(Refusal.ruleViolation("fill-in-future",
                    "performedAt " + fill.performedAt() + " lies more than "
                            + CyclePolicy.FUTURE_TOLERANCE.toMinutes() + " minutes in the future.",
                    Map.of("field", "performedAt")));
        }
        if (fill.performedAt().isBefore(pump.implantedOn().atStartOfDay(pump.zone()).toInstant())) {
            return Decision.refuse(Refusal.ruleViolation("fill-before-implant",
                    "performedAt lies before the pump was implanted on " + pump.implantedOn() + ".",
                    Map.of("field", "performedAt")));
        }
        FillFact last = pump.lastFill();
        if (last != null && !fill.performedAt().isAfter(last.performedAt())) {
            return Decision.refuse(new Refusal(Refusal.Kind.CONFLICT, "fill-not-after-latest",
                    "performedAt must be after the pump's latest fill at " + last.performedAt() + ".",
                    Map.of("field", "performedAt", "latestFillAt", last.performedAt().toString())));
        }
        if (!(fill.volumeMl() > 0) || (fill.residualVolumeMl() != null && fill.residualVolumeMl() < 0)) {
            return Decision.refuse(Refusal.ruleViolation("volume-not-positive",
                    "volumeMl must be positive and residualVolumeMl must not be negative.",
                    Map.of("field", fill.volumeMl() > 0 ? "residualVolumeMl" : "volumeMl")));
        }
        if (fill.volumeMl() > pump.reservoirVolumeMl()) {
            return Decision.refuse(Refusal.ruleViolation("volume-above-reservoir",
                    "volumeMl " + fill.volumeMl() + " exceeds the reservoir of " + pump.reservoirVolumeMl() + " mL.",
                    Map.of("field", "volumeMl")));
        }
        Double residual = fill.residualVolumeMl();
        if (residual != null && residual > pump.reservoirVolumeMl()) {
            return Decision.refuse(Refusal.ruleViolation("residual-above-reservoir",
                    "residualVolumeMl " + residual + " exceeds the reservoir of " + pump.reservoirVolumeMl() + " mL.",
                    Map.of("field", "residualVolumeMl")));
        }
        Drug expected = expectedDrug(pump, fill.performedAt());
        boolean deviation = expected != null && fill.drug() != expected;
        if (deviation && isBlank(fill.deviationReason())) {
            return Decision.refuse(Refusal.ruleViolation("deviation-reason-required",
                    "The expected drug is " + expected + ": filling " + fill.drug()
                            + " needs a deviationReason.",
                    Map.of("field", "deviationReason", "expectedDrug", expected.name())));
        }
        FlowMeasurement flow = FlowMeasurement.of(last, fill, pump.nominalFlowMlPerDay(), policy);
        // A pump never filled counts from an assumed implant fill: its first recorded fill is
        // onboarding, not a refill that came late.
        Instant reserveEndsAt = pump.hasFills() ? deadline(pump).reserveEndsAt() : null;
        boolean afterReserve = reserveEndsAt != null && !fill.performedAt().isBefore(reserveEndsAt);
        return Decision.allow(new AcceptedFill(expected, deviation, flow, afterReserve ? reserveEndsAt : null));
    }

    /**
     * Whether an appointment for the pump's next refill may start at {@code startsAt}: inside the
     * booking window, or, once the refill is past due, as an urgent visit from now up to the urgent
     * horizon, even past the reserve. A start at or after the reserve's end is urgent and needs a
     * reason; before the due time such a start is refused, since it would plan a dry pump.
     */
    public Decision<BookingSlot> assessBooking(PumpCycle pump, Instant startsAt, String reason, Instant now) {
        if (!pump.active()) {
            return Decision.refuse(Refusal.conflict("pump-removed", "The pump has been removed: nothing to book."));
        }
        RefillDeadline deadline = deadline(pump);
        BookingWindow window = policy.bookingWindow(deadline.dueAt(), pump.zone());
        boolean pastDue = !now.isBefore(deadline.dueAt());
        Instant urgentUntil = pastDue ? policy.urgentUntil(now) : null;
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("field", "startsAt");
        details.put("windowOpensAt", window.opensAt().toString());
        details.put("windowClosesAt", window.closesAt().toString());
        if (pastDue) {
            details.put("urgentFrom", now.toString());
            details.put("urgentUntil", urgentUntil.toString());
        }
        boolean inUrgentRange = pastDue && !startsAt.isAfter(urgentUntil);
        if (!window.contains(startsAt) && !inUrgentRange) {
            String urgentPart = pastDue
                    ? "; the refill is past due, so an urgent visit (with a reason) may also start from now until "
                            + urgentUntil
                    : "; an appointment at or after the end of the reserve would plan a dry pump";
            return Decision.refuse(Refusal.ruleViolation("outside-refill-window",
                    "startsAt must lie in [" + window.opensAt() + ", " + window.closesAt() + "): from the start of the"
                            + " local day " + policy.earlyWindow().toDays() + " days before the due day until the"
                            + " reserve ends" + urgentPart + ".", details));
        }
        if (startsAt.isBefore(now.minus(CyclePolicy.FUTURE_TOLERANCE))) {
            return Decision.refuse(Refusal.ruleViolation("appointment-in-past", "startsAt lies in the past.", details));
        }
        boolean urgent = !startsAt.isBefore(window.closesAt());
        if (urgent && isBlank(reason)) {
            return Decision.refuse(Refusal.ruleViolation("urgent-reason-required",
                    "An appointment at or after the end of the reserve (" + window.closesAt()
                            + ") is urgent: give a reason.", Map.of("field", "reason",
                            "windowClosesAt", window.closesAt().toString())));
        }
        return Decision.allow(new BookingSlot(window, deadline.dueAt(), urgent));
    }

    /**
     * Whether a glycerol hold can be planned: the last refill due on or before the departure day
     * becomes a glycerol fill, which must last until the return day.
     */
    public Decision<PlannedGlycerolFill> planHold(PumpCycle pump, GlycerolHold hold, LocalDate today) {
        if (!pump.active()) {
            return Decision.refuse(Refusal.conflict("pump-removed", "The pump has been removed."));
        }
        if (hold.departOn().isBefore(today)) {
            return Decision.refuse(Refusal.ruleViolation("hold-in-past",
                    "departOn " + hold.departOn() + " lies in the past.", Map.of("field", "departOn")));
        }
        if (hold.departOn().isAfter(today.plusDays(MAX_HOLD_DAYS_AHEAD))) {
            return Decision.refuse(Refusal.ruleViolation("hold-too-far-ahead",
                    "departOn may be at most " + MAX_HOLD_DAYS_AHEAD + " days ahead.", Map.of("field", "departOn")));
        }
        long coverableDays = policy.glycerolInterval().toDays();
        if (hold.absenceDays() > coverableDays) {
            return Decision.refuse(Refusal.ruleViolation("absence-too-long",
                    "An absence of " + hold.absenceDays() + " days is longer than one glycerol fill covers ("
                            + coverableDays + " days).", Map.of("field", "returnOn")));
        }
        for (GlycerolHold other : pump.holds()) {
            if (!other.departOn().isAfter(hold.returnOn()) && !hold.departOn().isAfter(other.returnOn())) {
                return Decision.refuse(Refusal.conflict("hold-overlaps",
                        "The absence overlaps the hold from " + other.departOn() + " to " + other.returnOn() + "."));
            }
        }
        PumpCycle state = pump.withHold(hold);
        ZoneId zone = pump.zone();
        for (int i = 0; i < MAX_PROJECTED_REFILLS; i++) {
            Instant dueAt = deadline(state).dueAt();
            if (localDate(dueAt, zone).isAfter(hold.departOn())) {
                break;
            }
            Drug drug = drugFor(state, dueAt, dueAt);
            if (drug == Drug.GLYCEROL && appliesTo(hold, state, dueAt)) {
                LocalDate coversUntil = localDate(dueAt.plus(policy.glycerolInterval()), zone);
                if (coversUntil.isBefore(hold.returnOn())) {
                    return Decision.refuse(Refusal.ruleViolation("hold-not-covered",
                            "The glycerol fill at the refill due on " + localDate(dueAt, zone) + " lasts until "
                                    + coversUntil + ", before the return on " + hold.returnOn() + ".",
                            Map.of("field", "returnOn", "glycerolRefillDueAt", dueAt.toString())));
                }
                return Decision.allow(new PlannedGlycerolFill(dueAt, coversUntil));
            }
            state = state.after(new FillFact(dueAt, drug, state.cycleStart().volumeMl()));
        }
        return Decision.refuse(Refusal.ruleViolation("no-refill-before-departure",
                "No refill is due on or before the departure on " + hold.departOn() + " (the next is due "
                        + localDate(deadline(pump).dueAt(), zone)
                        + "): book an early refill before planning the hold.",
                Map.of("field", "departOn")));
    }

    /**
     * The drug of the refill due at {@code dueAt} and done at {@code doneAt}, with the glycerol holds
     * whose departure day {@code doneAt} has not passed.
     */
    private Drug drugFor(PumpCycle pump, Instant dueAt, Instant doneAt) {
        Drug previous = pump.cycleStart().drug();
        Drug normal = DrugSequence.after(previous, pump.lastRestDrug(), pump.mode());
        LocalDate doneOn = localDate(doneAt, pump.zone());
        for (GlycerolHold hold : pump.holds()) {
            if (!hold.departOn().isBefore(doneOn) && isLastRefillBeforeDeparture(hold, pump, dueAt, normal)) {
                return Drug.GLYCEROL;
            }
        }
        return normal;
    }

    private boolean appliesTo(GlycerolHold hold, PumpCycle pump, Instant dueAt) {
        Drug normal = DrugSequence.after(pump.cycleStart().drug(), pump.lastRestDrug(), pump.mode());
        return isLastRefillBeforeDeparture(hold, pump, dueAt, normal);
    }

    /** Due on or before the departure day, and the refill after it would fall after that day. */
    private boolean isLastRefillBeforeDeparture(GlycerolHold hold, PumpCycle pump, Instant dueAt, Drug normal) {
        ZoneId zone = pump.zone();
        LocalDate dueOn = localDate(dueAt, zone);
        Instant followingDueAt = deadline(pump.after(new FillFact(dueAt, normal, pump.cycleStart().volumeMl()))).dueAt();
        LocalDate followingDueOn = localDate(followingDueAt, zone);
        return !dueOn.isAfter(hold.departOn()) && followingDueOn.isAfter(hold.departOn());
    }

    private static LocalDate localDate(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalDate();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
