package org.haipump.cycle;

import java.time.Duration;
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

    private static final double SECONDS_PER_DAY = 86_400.0;
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

    /** The next refill, or empty before the first fill and after removal. */
    public Optional<NextRefill> nextRefill(PumpCycle pump, Instant now) {
        if (!pump.active() || !pump.hasFills()) {
            return Optional.empty();
        }
        FillFact last = pump.lastFill();
        Instant dueAt = policy.dueAfter(last.performedAt(), last.drug());
        return Optional.of(new NextRefill(
                dueAt,
                policy.reserveEndsAt(dueAt),
                drugFor(pump, dueAt, now),
                policy.statusAt(dueAt, now),
                predictedEmptyAt(last, pump.latestMeasuredFlowMlPerDay(), pump.nominalFlowMlPerDay())));
    }

    /** The drug the next refill should take if it happens on its due time, or null before the first fill. */
    public Drug expectedDrug(PumpCycle pump) {
        if (!pump.hasFills()) {
            return null;
        }
        FillFact last = pump.lastFill();
        Instant dueAt = policy.dueAfter(last.performedAt(), last.drug());
        return drugFor(pump, dueAt, dueAt);
    }

    /**
     * The drug the next refill should take if it happens at {@code at}: a glycerol hold whose
     * departure day has gone by no longer asks for glycerol (the patient left without it, or is back).
     */
    public Drug expectedDrug(PumpCycle pump, Instant at) {
        if (!pump.hasFills()) {
            return null;
        }
        FillFact last = pump.lastFill();
        return drugFor(pump, policy.dueAfter(last.performedAt(), last.drug()), at);
    }

    /** The next {@code count} refills, as if each happened on its due time. */
    public List<ProjectedRefill> schedule(PumpCycle pump, int count) {
        List<ProjectedRefill> refills = new ArrayList<>(count);
        if (!pump.active() || !pump.hasFills()) {
            return refills;
        }
        PumpCycle state = pump;
        for (int i = 0; i < count; i++) {
            FillFact last = state.lastFill();
            Instant dueAt = policy.dueAfter(last.performedAt(), last.drug());
            Drug drug = drugFor(state, dueAt, dueAt);
            refills.add(new ProjectedRefill(dueAt, policy.reserveEndsAt(dueAt), drug));
            state = state.after(new FillFact(dueAt, drug, last.volumeMl()));
        }
        return refills;
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
        if (residual != null && last != null && residual > last.volumeMl()) {
            return Decision.refuse(Refusal.ruleViolation("residual-above-previous-fill",
                    "residualVolumeMl " + residual + " exceeds the " + last.volumeMl()
                            + " mL the previous fill put in.",
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
        return Decision.allow(new AcceptedFill(expected, deviation,
                flow == null ? null : flow.rateMlPerDay(),
                flow == null ? null : flow.deviationPercent(),
                flow != null && flow.outOfTolerance()));
    }

    /** Whether an appointment for the pump's next refill may start at {@code startsAt}. */
    public Decision<BookingWindow> assessBooking(PumpCycle pump, Instant startsAt, Instant now) {
        if (!pump.active()) {
            return Decision.refuse(Refusal.conflict("pump-removed", "The pump has been removed: nothing to book."));
        }
        if (!pump.hasFills()) {
            return Decision.refuse(Refusal.ruleViolation("no-refill-due",
                    "The pump has no fill yet, so no refill is due to book.", Map.of("field", "pumpId")));
        }
        FillFact last = pump.lastFill();
        BookingWindow window = policy.bookingWindow(policy.dueAfter(last.performedAt(), last.drug()));
        Map<String, Object> details = Map.of("field", "startsAt",
                "windowOpensAt", window.opensAt().toString(), "windowClosesAt", window.closesAt().toString());
        if (!window.contains(startsAt)) {
            return Decision.refuse(Refusal.ruleViolation("outside-refill-window",
                    "startsAt must lie in [" + window.opensAt() + ", " + window.closesAt()
                            + "): from " + policy.earlyWindow().toDays() + " days before the due time"
                            + " until the reserve ends.", details));
        }
        if (startsAt.isBefore(now.minus(CyclePolicy.FUTURE_TOLERANCE))) {
            return Decision.refuse(Refusal.ruleViolation("appointment-in-past",
                    "startsAt " + startsAt + " lies in the past.", details));
        }
        return Decision.allow(window);
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
        if (!pump.hasFills()) {
            return Decision.refuse(Refusal.ruleViolation("no-refill-due",
                    "The pump has no fill yet: no refill can be planned as glycerol.", Map.of("field", "departOn")));
        }
        PumpCycle state = pump.withHold(hold);
        ZoneId zone = pump.zone();
        for (int i = 0; i < MAX_PROJECTED_REFILLS; i++) {
            FillFact last = state.lastFill();
            Instant dueAt = policy.dueAfter(last.performedAt(), last.drug());
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
            state = state.after(new FillFact(dueAt, drug, last.volumeMl()));
        }
        FillFact last = pump.lastFill();
        return Decision.refuse(Refusal.ruleViolation("no-refill-before-departure",
                "No refill is due on or before the departure on " + hold.departOn() + " (the next is due "
                        + localDate(policy.dueAfter(last.performedAt(), last.drug()), zone)
                        + "): book an early refill before planning the hold.",
                Map.of("field", "departOn")));
    }

    /**
     * The drug of the refill due at {@code dueAt} and done at {@code doneAt}, with the glycerol holds
     * whose departure day {@code doneAt} has not passed.
     */
    private Drug drugFor(PumpCycle pump, Instant dueAt, Instant doneAt) {
        Drug previous = pump.lastFill().drug();
        Drug normal = DrugSequence.after(previous, pump.lastRestDrug(), pump.mode());
        LocalDate doneOn = localDate(doneAt, pump.zone());
        for (GlycerolHold hold : pump.holds()) {
            if (!hold.departOn().isBefore(doneOn) && isLastRefillBeforeDeparture(hold, pump.zone(), dueAt, normal)) {
                return Drug.GLYCEROL;
            }
        }
        return normal;
    }

    private boolean appliesTo(GlycerolHold hold, PumpCycle pump, Instant dueAt) {
        Drug normal = DrugSequence.after(pump.lastFill().drug(), pump.lastRestDrug(), pump.mode());
        return isLastRefillBeforeDeparture(hold, pump.zone(), dueAt, normal);
    }

    /** Due on or before the departure day, and the refill after it would fall after that day. */
    private boolean isLastRefillBeforeDeparture(GlycerolHold hold, ZoneId zone, Instant dueAt, Drug normal) {
        LocalDate dueOn = localDate(dueAt, zone);
        LocalDate followingDueOn = localDate(policy.dueAfter(dueAt, normal), zone);
        return !dueOn.isAfter(hold.departOn()) && followingDueOn.isAfter(hold.departOn());
    }

    /** When the reservoir should run dry at the latest measured rate, else the nominal one. */
    public static Instant predictedEmptyAt(FillFact last, Double measuredRate, double nominalRate) {
        if (last.drug() == Drug.GLYCEROL) {
            return null;
        }
        double rate = measuredRate != null && measuredRate > 0 ? measuredRate : nominalRate;
        if (!(rate > 0)) {
            return null;
        }
        long seconds = Math.round(last.volumeMl() / rate * SECONDS_PER_DAY);
        return last.performedAt().plus(Duration.ofSeconds(seconds));
    }

    private static LocalDate localDate(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalDate();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
