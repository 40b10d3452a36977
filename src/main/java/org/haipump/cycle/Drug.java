package org.haipump.cycle;

/** What a fill puts in the pump's reservoir. */
public enum Drug {
    /** Floxuridine (FUDR), often with dexamethasone: the treatment itself. */
    CHEMOTHERAPY,
    /** Heparinized saline: keeps the catheter open between chemotherapy cycles. */
    HEPARIN,
    /** Viscous glycerol: slows the flow so that one fill lasts for a long absence. */
    GLYCEROL;

    /** A rest fill keeps the pump running without delivering treatment. */
    public boolean isRest() {
        return this != CHEMOTHERAPY;
    }
}
