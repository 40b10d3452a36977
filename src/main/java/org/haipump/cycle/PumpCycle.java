package org.haipump.cycle;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Everything the cycle rules need to know of one pump.
 *
 * @param lastFill                 the latest fill, or null before the first one
 * @param lastRestDrug             the most recent heparin or glycerol fill's drug, or null; a glycerol
 *                                 fill a glycerol hold asked for does not count
 * @param latestMeasuredFlowMlPerDay the most recent trustworthy measured flow rate, or null when none
 * @param measuredFlowIsLowerBound that rate was measured on a pump found empty: it ran at least that fast
 * @param holds                    planned glycerol holds (those not cancelled), in any order
 * @param chemotherapyHolds        chemotherapy holds, lasting and ended, in any order
 */
public record PumpCycle(
        boolean active,
        TherapyMode mode,
        ZoneId zone,
        LocalDate implantedOn,
        double reservoirVolumeMl,
        double nominalFlowMlPerDay,
        FillFact lastFill,
        Drug lastRestDrug,
        Double latestMeasuredFlowMlPerDay,
        boolean measuredFlowIsLowerBound,
        List<GlycerolHold> holds,
        List<ChemotherapyHold> chemotherapyHolds) {

    public PumpCycle {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(implantedOn, "implantedOn");
        holds = holds == null ? List.of() : List.copyOf(holds);
        chemotherapyHolds = chemotherapyHolds == null ? List.of() : List.copyOf(chemotherapyHolds);
    }

    /** A pump without chemotherapy holds. */
    public PumpCycle(boolean active, TherapyMode mode, ZoneId zone, LocalDate implantedOn, double reservoirVolumeMl,
                     double nominalFlowMlPerDay, FillFact lastFill, Drug lastRestDrug,
                     Double latestMeasuredFlowMlPerDay, boolean measuredFlowIsLowerBound, List<GlycerolHold> holds) {
        this(active, mode, zone, implantedOn, reservoirVolumeMl, nominalFlowMlPerDay, lastFill, lastRestDrug,
                latestMeasuredFlowMlPerDay, measuredFlowIsLowerBound, holds, List.of());
    }

    /** Whether a fill was ever recorded; before one the pump counts from its {@link #implantFill()}. */
    public boolean hasFills() {
        return lastFill != null;
    }

    /** The fill the current cycle counts from: the latest recorded one, else the implant fill. */
    public FillFact cycleStart() {
        return lastFill != null ? lastFill : implantFill();
    }

    /**
     * Pumps leave the operating room filled with heparin: a pump with no recorded fill is taken as
     * filled to its reservoir volume at the start of its implant day, in the patient's zone.
     */
    public FillFact implantFill() {
        return new FillFact(implantedOn.atStartOfDay(zone).toInstant(), Drug.HEPARIN, reservoirVolumeMl);
    }

    /** Whether a chemotherapy hold is in effect on this local day. */
    public boolean chemotherapyHeldOn(LocalDate day) {
        return chemotherapyHolds.stream().anyMatch(hold -> hold.inEffectOn(day));
    }

    /** The same pump after one more fill (used to project the schedule). */
    PumpCycle after(FillFact fill) {
        return after(fill, false);
    }

    /**
     * The same pump after one more fill. A glycerol fill a hold asked for is no rest drug of the
     * pump's own: once the hold is over, the rest drug used before it comes back.
     */
    PumpCycle after(FillFact fill, boolean forGlycerolHold) {
        Drug rest = fill.drug().isRest() && !forGlycerolHold ? fill.drug() : lastRestDrug;
        return new PumpCycle(active, mode, zone, implantedOn, reservoirVolumeMl, nominalFlowMlPerDay,
                fill, rest, latestMeasuredFlowMlPerDay, measuredFlowIsLowerBound, holds, chemotherapyHolds);
    }

    /**
     * The same pump once a fill has been recorded: {@link #after} it, with the latest flow the pump
     * now knows (a fill that measured none leaves the earlier one).
     */
    public PumpCycle recorded(FillFact fill, boolean forGlycerolHold, Double latestMeasuredFlowMlPerDay,
                              boolean measuredFlowIsLowerBound) {
        PumpCycle after = after(fill, forGlycerolHold);
        return new PumpCycle(active, mode, zone, implantedOn, reservoirVolumeMl, nominalFlowMlPerDay, after.lastFill,
                after.lastRestDrug, latestMeasuredFlowMlPerDay, measuredFlowIsLowerBound, holds, chemotherapyHolds);
    }

    PumpCycle withHold(GlycerolHold hold) {
        List<GlycerolHold> more = new java.util.ArrayList<>(holds);
        more.add(hold);
        return new PumpCycle(active, mode, zone, implantedOn, reservoirVolumeMl, nominalFlowMlPerDay,
                lastFill, lastRestDrug, latestMeasuredFlowMlPerDay, measuredFlowIsLowerBound, more, chemotherapyHolds);
    }
}
