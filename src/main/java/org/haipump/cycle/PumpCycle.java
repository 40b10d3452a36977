package org.haipump.cycle;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Everything the cycle rules need to know of one pump.
 *
 * @param lastFill                 the latest fill, or null before the first one
 * @param lastRestDrug             the most recent heparin or glycerol fill's drug, or null
 * @param latestMeasuredFlowMlPerDay the most recent trustworthy measured flow rate, or null when none
 * @param measuredFlowIsLowerBound that rate was measured on a pump found empty: it ran at least that fast
 * @param holds                    planned glycerol holds, in any order
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
        List<GlycerolHold> holds) {

    public PumpCycle {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(implantedOn, "implantedOn");
        holds = holds == null ? List.of() : List.copyOf(holds);
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

    /** The same pump after one more fill (used to project the schedule). */
    PumpCycle after(FillFact fill) {
        Drug rest = fill.drug().isRest() ? fill.drug() : lastRestDrug;
        return new PumpCycle(active, mode, zone, implantedOn, reservoirVolumeMl, nominalFlowMlPerDay,
                fill, rest, latestMeasuredFlowMlPerDay, measuredFlowIsLowerBound, holds);
    }

    PumpCycle withHold(GlycerolHold hold) {
        List<GlycerolHold> more = new java.util.ArrayList<>(holds);
        more.add(hold);
        return new PumpCycle(active, mode, zone, implantedOn, reservoirVolumeMl, nominalFlowMlPerDay,
                lastFill, lastRestDrug, latestMeasuredFlowMlPerDay, measuredFlowIsLowerBound, more);
    }
}
