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
 * @param latestMeasuredFlowMlPerDay the most recent measured flow rate, or null when never measured
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
        List<GlycerolHold> holds) {

    public PumpCycle {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(implantedOn, "implantedOn");
        holds = holds == null ? List.of() : List.copyOf(holds);
    }

    public boolean hasFills() {
        return lastFill != null;
    }

    /** The same pump after one more fill (used to project the schedule). */
    PumpCycle after(FillFact fill) {
        Drug rest = fill.drug().isRest() ? fill.drug() : lastRestDrug;
        return new PumpCycle(active, mode, zone, implantedOn, reservoirVolumeMl, nominalFlowMlPerDay,
                fill, rest, latestMeasuredFlowMlPerDay, holds);
    }

    PumpCycle withHold(GlycerolHold hold) {
        List<GlycerolHold> more = new java.util.ArrayList<>(holds);
        more.add(hold);
        return new PumpCycle(active, mode, zone, implantedOn, reservoirVolumeMl, nominalFlowMlPerDay,
                lastFill, lastRestDrug, latestMeasuredFlowMlPerDay, more);
    }
}
