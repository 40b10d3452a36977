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
 * fill, an appointment, a glycerol hold or a chemotherapy hold is allowed. Pure: time comes in as
 * arguments.
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

    /**
     * The next refill, or empty after removal. A pump never filled counts from its implant fill. Its
     * drug is the one for a refill at its due time, or now once that has passed: a chemotherapy hold
     * starting before the due day already holds it.
     */
    public Optional<NextRefill> nextRefill(PumpCycle pump, Instant now) {
        if (!pump.active()) {
            return Optional.empty();
        }
        RefillDeadline deadline = deadline(pump);
        Instant doneAt = now.isAfter(deadline.dueAt()) ? now : deadline.dueAt();
        return Optional.of(new NextRefill(
                deadline.dueAt(),
                deadline.reserveEndsAt(),
                drugFor(pump, deadline.dueAt(), doneAt),
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
     * departure day has gone by no longer asks for glycerol (the patient left without it, or is back),
     * and a chemotherapy hold counts if it is in effect on the local day of {@code at}. Null before
     * the first recorded fill: the first fill has no expectation.
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
            state = projectedAfter(state, deadline.dueAt(), drug);
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

    /**
     * Whether a reported fill may be recorded, and what follows from it. Like the booking and hold
     * rules below, it is asked only of a pump in place: the services refuse a removed pump first, once
     * (409 {@code pump-removed}: {@code PumpService.requireActiveForUpdate}, {@code FillService.record}).
     */
    public Decision<AcceptedFill> assessFill(PumpCycle pump, ProposedFill fill, Instant now) {
        if (fill.performedAt().isAfter(now.plus(CyclePolicy.FUTURE_TOLERANCE))) {
            return Decision.refuse(new Refusal(Refusal.Reason.FILL_IN_FUTURE,
                    "performedAt " + fill.performedAt() + " lies more than "
                            + CyclePolicy.FUTURE_TOLERANCE.toMinutes() + " minutes in the future.",
                    Map.of("field", "performedAt")));
        }
        if (fill.performedAt().isBefore(pump.implantedOn().atStartOfDay(pump.zone()).toInstant())) {
            return Decision.refuse(new Refusal(Refusal.Reason.FILL_BEFORE_IMPLANT,
                    "performedAt lies before the pump was implanted on " + pump.implantedOn() + ".",
                    Map.of("field", "performedAt")));
        }
        FillFact last = pump.lastFill();
        if (last != null && !fill.performedAt().isAfter(last.performedAt())) {
            return Decision.refuse(new Refusal(Refusal.Reason.FILL_NOT_AFTER_LATEST,
                    "performedAt must be after the pump's latest fill at " + last.performedAt() + ".",
                    Map.of("field", "performedAt", "latestFillAt", last.performedAt().toString())));
        }
        if (fill.volumeMl() > pump.reservoirVolumeMl()) {
            return Decision.refuse(new Refusal(Refusal.Reason.VOLUME_ABOVE_RESERVOIR,
                    "volumeMl " + fill.volumeMl() + " exceeds the reservoir of " + pump.reservoirVolumeMl() + " mL.",
                    Map.of("field", "volumeMl")));
        }
        Double residual = fill.residualVolumeMl();
        if (residual != null && residual > pump.reservoirVolumeMl()) {
            return Decision.refuse(new Refusal(Refusal.Reason.RESIDUAL_ABOVE_RESERVOIR,
                    "residualVolumeMl " + residual + " exceeds the reservoir of " + pump.reservoirVolumeMl() + " mL.",
                    Map.of("field", "residualVolumeMl")));
        }
        Drug expected = expectedDrug(pump, fill.performedAt());
        boolean deviation = expected != null && fill.drug() != expected;
        if (deviation && isBlank(fill.deviationReason())) {
            return Decision.refuse(new Refusal(Refusal.Reason.DEVIATION_REASON_REQUIRED,
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
            return Decision.refuse(new Refusal(Refusal.Reason.OUTSIDE_REFILL_WINDOW,
                    "startsAt must lie in [" + window.opensAt() + ", " + window.closesAt() + "): from the start of the"
                            + " local day " + policy.earlyWindow().toDays() + " days before the due day until the"
                            + " reserve ends" + urgentPart + ".", details));
        }
        if (startsAt.isBefore(now.minus(CyclePolicy.FUTURE_TOLERANCE))) {
            return Decision.refuse(new Refusal(Refusal.Reason.APPOINTMENT_IN_PAST, "startsAt lies in the past.", details));
        }
        boolean urgent = !startsAt.isBefore(window.closesAt());
        if (urgent && isBlank(reason)) {
            return Decision.refuse(new Refusal(Refusal.Reason.URGENT_REASON_REQUIRED,
                    "An appointment at or after the end of the reserve (" + window.closesAt()
                            + ") is urgent: give a reason.", Map.of("field", "reason",
                            "windowClosesAt", window.closesAt().toString())));
        }
        return Decision.allow(new BookingSlot(window, deadline.dueAt(), urgent));
    }

    /**
     * Whether a glycerol hold can be planned: the last refill due on or before the departure day
     * becomes a glycerol fill, which must last until the return day ({@link #glycerolCoversReturn}).
     */
    public Decision<PlannedGlycerolFill> planHold(PumpCycle pump, GlycerolHold hold, LocalDate today) {
        if (hold.departOn().isBefore(today)) {
            return Decision.refuse(new Refusal(Refusal.Reason.HOLD_IN_PAST,
                    "departOn " + hold.departOn() + " lies in the past.", Map.of("field", "departOn")));
        }
        if (hold.departOn().isAfter(today.plusDays(MAX_HOLD_DAYS_AHEAD))) {
            return Decision.refuse(new Refusal(Refusal.Reason.HOLD_TOO_FAR_AHEAD,
                    "departOn may be at most " + MAX_HOLD_DAYS_AHEAD + " days ahead.", Map.of("field", "departOn")));
        }
        long coverableDays = policy.glycerolInterval().toDays();
        if (hold.absenceDays() > coverableDays) {
            return Decision.refuse(new Refusal(Refusal.Reason.ABSENCE_TOO_LONG,
                    "An absence of " + hold.absenceDays() + " days is longer than one glycerol fill covers ("
                            + coverableDays + " days).", Map.of("field", "returnOn")));
        }
        for (GlycerolHold other : pump.holds()) {
            if (!other.departOn().isAfter(hold.returnOn()) && !hold.departOn().isAfter(other.returnOn())) {
                return Decision.refuse(new Refusal(Refusal.Reason.HOLD_OVERLAPS,
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
                Instant refillAfterGlycerolAt = dueAt.plus(policy.intervalAfter(Drug.GLYCEROL));
                LocalDate coversUntil = localDate(refillAfterGlycerolAt, zone);
                if (!glycerolCoversReturn(dueAt, hold.returnOn(), zone)) {
                    LocalDate latestReturnOn = latestReturnCovered(dueAt, zone);
                    return Decision.refuse(new Refusal(Refusal.Reason.HOLD_NOT_COVERED,
                            "The glycerol fill at the refill due on " + localDate(dueAt, zone)
                                    + " lasts until the refill due at " + refillAfterGlycerolAt
                                    + ", and the return day must end at least " + policy.returnMargin().toHours()
                                    + " hours before it: the latest return it covers is " + latestReturnOn
                                    + ", not " + hold.returnOn() + ".",
                            Map.of("field", "returnOn", "glycerolRefillDueAt", dueAt.toString(),
                                    "refillAfterGlycerolDueAt", refillAfterGlycerolAt.toString(),
                                    "latestReturnOn", latestReturnOn.toString())));
                }
                return Decision.allow(new PlannedGlycerolFill(dueAt, coversUntil));
            }
            state = projectedAfter(state, dueAt, drug);
        }
        return Decision.refuse(new Refusal(Refusal.Reason.NO_REFILL_BEFORE_DEPARTURE,
                "No refill is due on or before the departure on " + hold.departOn() + " (the next is due "
                        + localDate(deadline(pump).dueAt(), zone)
                        + "): book an early refill before planning the hold.",
                Map.of("field", "departOn")));
    }

    /**
     * Whether a glycerol fill at {@code glycerolFillAt} lasts for an absence: the return day ends (the
     * start of the day after {@code returnOn}, in the patient's zone) at least the return margin
     * before the refill after the glycerol fill falls due, so that the patient is back in time for it.
     */
    public boolean glycerolCoversReturn(Instant glycerolFillAt, LocalDate returnOn, ZoneId zone) {
        Instant returnDayEnds = returnOn.plusDays(1).atStartOfDay(zone).toInstant();
        Instant refillAfterGlycerolAt = glycerolFillAt.plus(policy.intervalAfter(Drug.GLYCEROL));
        return !returnDayEnds.plus(policy.returnMargin()).isAfter(refillAfterGlycerolAt);
    }

    /**
     * The last return day a glycerol fill at {@code glycerolFillAt} covers: the day before the one on
     * which the refill after it, less the return margin, falls.
     */
    LocalDate latestReturnCovered(Instant glycerolFillAt, ZoneId zone) {
        Instant latestReturnDayEnd = glycerolFillAt.plus(policy.intervalAfter(Drug.GLYCEROL))
                .minus(policy.returnMargin());
        return localDate(latestReturnDayEnd, zone).minusDays(1);
    }

    /**
     * Whether a chemotherapy hold may start: not before the patient's {@code today}, neither it nor
     * its review more than {@link #MAX_HOLD_DAYS_AHEAD} days ahead, and no other hold still lasting.
     */
    public Decision<ChemotherapyHold> startChemotherapyHold(PumpCycle pump, ChemotherapyHold hold, LocalDate today) {
        if (hold.startsOn().isBefore(today)) {
            return Decision.refuse(new Refusal(Refusal.Reason.HOLD_IN_PAST,
                    "startsOn " + hold.startsOn() + " lies in the past.", Map.of("field", "startsOn")));
        }
        LocalDate farthest = today.plusDays(MAX_HOLD_DAYS_AHEAD);
        for (Map.Entry<String, LocalDate> date : List.of(Map.entry("startsOn", hold.startsOn()),
                Map.entry("reviewOn", hold.reviewOn()))) {
            if (date.getValue().isAfter(farthest)) {
                return Decision.refuse(new Refusal(Refusal.Reason.HOLD_TOO_FAR_AHEAD,
                        date.getKey() + " may be at most " + MAX_HOLD_DAYS_AHEAD + " days ahead.",
                        Map.of("field", date.getKey())));
            }
        }
        for (ChemotherapyHold other : pump.chemotherapyHolds()) {
            if (!other.ended()) {
                return Decision.refuse(new Refusal(Refusal.Reason.CHEMOTHERAPY_HOLD_ACTIVE,
                        "Chemotherapy is already held from " + other.startsOn() + " (review on " + other.reviewOn()
                                + "): end that hold first."));
            }
        }
        return Decision.allow(hold);
    }

    /**
     * Whether a chemotherapy hold may end on {@code endsOn}, the first day chemotherapy may be given
     * again: not before the hold started, and not after the patient's {@code today} (or, for a hold
     * that has not started yet, its first day: it then never takes effect).
     */
    public Decision<ChemotherapyHold> endChemotherapyHold(ChemotherapyHold hold, LocalDate endsOn, LocalDate today) {
        if (hold.ended()) {
            return Decision.refuse(new Refusal(Refusal.Reason.CHEMOTHERAPY_HOLD_ENDED,
                    "The hold already ended on " + hold.endsOn() + "."));
        }
        if (endsOn.isBefore(hold.startsOn())) {
            return Decision.refuse(new Refusal(Refusal.Reason.HOLD_END_BEFORE_START,
                    "endsOn " + endsOn + " lies before the hold started on " + hold.startsOn() + ".",
                    Map.of("field", "endsOn")));
        }
        if (endsOn.isAfter(defaultEnd(hold, today))) {
            return Decision.refuse(new Refusal(Refusal.Reason.HOLD_END_IN_FUTURE,
                    "endsOn " + endsOn + " lies in the future: end the hold when chemotherapy may resume.",
                    Map.of("field", "endsOn")));
        }
        return Decision.allow(hold.endingOn(endsOn));
    }

    /** The day a hold ends when none is given: today, or the first day of a hold that has not started. */
    public static LocalDate defaultEnd(ChemotherapyHold hold, LocalDate today) {
        return hold.startsOn().isAfter(today) ? hold.startsOn() : today;
    }

    /**
     * The drug an appointment starting at {@code startsAt} plans: the one asked for, which needs a
     * reason when it is not the drug a fill at that time is expected to take, else the plan's drug.
     */
    public Decision<Drug> assessPlannedDrug(PumpCycle pump, Drug requested, String reason, Instant startsAt) {
        if (requested == null) {
            return Decision.allow(plannedDrug(pump, startsAt));
        }
        Drug expected = expectedDrug(pump, startsAt);
        if (expected != null && requested != expected && isBlank(reason)) {
            return Decision.refuse(new Refusal(Refusal.Reason.PLANNED_DRUG_REASON_REQUIRED,
                    "The expected drug is " + expected + ": planning " + requested + " needs a reason.",
                    Map.of("field", "reason", "expectedDrug", expected.name())));
        }
        return Decision.allow(requested);
    }

    /**
     * The glycerol hold that turns the pump's next refill into glycerol if it happens at
     * {@code doneAt}, if any: a glycerol fill recorded then is that hold's.
     */
    public Optional<GlycerolHold> glycerolHoldAt(PumpCycle pump, Instant doneAt) {
        return glycerolHoldAsking(pump, deadline(pump).dueAt(), doneAt);
    }

    /**
     * The drug of the refill due at {@code dueAt} and done at {@code doneAt}: glycerol for the hold
     * whose departure day {@code doneAt} has not passed, if this is its last refill before departure;
     * else heparin for chemotherapy while a chemotherapy hold is in effect on the local day of
     * {@code doneAt}; else the drug sequence.
     */
    private Drug drugFor(PumpCycle pump, Instant dueAt, Instant doneAt) {
        if (glycerolHoldAsking(pump, dueAt, doneAt).isPresent()) {
            return Drug.GLYCEROL;
        }
        Drug normal = normalDrug(pump);
        if (normal == Drug.CHEMOTHERAPY && pump.chemotherapyHeldOn(localDate(doneAt, pump.zone()))) {
            return Drug.HEPARIN;
        }
        return normal;
    }

    private Optional<GlycerolHold> glycerolHoldAsking(PumpCycle pump, Instant dueAt, Instant doneAt) {
        Drug normal = normalDrug(pump);
        LocalDate doneOn = localDate(doneAt, pump.zone());
        for (GlycerolHold hold : pump.holds()) {
            if (!hold.departOn().isBefore(doneOn) && isLastRefillBeforeDeparture(hold, pump, dueAt, normal)) {
                return Optional.of(hold);
            }
        }
        return Optional.empty();
    }

    private static Drug normalDrug(PumpCycle pump) {
        return DrugSequence.after(pump.cycleStart().drug(), pump.lastRestDrug(), pump.mode());
    }

    /** The projected pump after the refill due at {@code dueAt} took {@code drug}, as if on time. */
    private static PumpCycle projectedAfter(PumpCycle state, Instant dueAt, Drug drug) {
        boolean forGlycerolHold = drug == Drug.GLYCEROL && normalDrug(state) != Drug.GLYCEROL;
        return state.after(new FillFact(dueAt, drug, state.cycleStart().volumeMl()), forGlycerolHold);
    }

    private boolean appliesTo(GlycerolHold hold, PumpCycle pump, Instant dueAt) {
        return isLastRefillBeforeDeparture(hold, pump, dueAt, normalDrug(pump));
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
