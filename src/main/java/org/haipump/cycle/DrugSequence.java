package org.haipump.cycle;

/** Which drug the next refill normally takes, before any glycerol hold is applied. */
public final class DrugSequence {

    private DrugSequence() {
    }

    /**
     * In {@link TherapyMode#ACTIVE} chemotherapy and heparin alternate, and chemotherapy resumes
     * after glycerol. In {@link TherapyMode#MAINTENANCE} the last rest drug is repeated (heparin if
     * there never was one): chemotherapy is never expected.
     *
     * @param previous     the drug of the fill before the refill
     * @param lastRestDrug the most recent rest drug (heparin or glycerol) the pump received, or null
     */
    public static Drug after(Drug previous, Drug lastRestDrug, TherapyMode mode) {
        if (mode == TherapyMode.MAINTENANCE) {
            return lastRestDrug != null ? lastRestDrug : Drug.HEPARIN;
        }
        return previous == Drug.CHEMOTHERAPY ? Drug.HEPARIN : Drug.CHEMOTHERAPY;
    }
}
