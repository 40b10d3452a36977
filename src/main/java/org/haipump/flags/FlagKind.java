package org.haipump.flags;

public enum FlagKind {
    /** The refill is past its due time: the pump runs on its reserve, or may be dry. */
    REFILL_OVERDUE,
    /** The measured flow rate is outside the tolerance: a fast pump, or a blocked catheter. */
    FLOW_DEVIATION,
    /** A chemotherapy hold reached its review day while still lasting: recheck the liver tests, end it or keep it. */
    CHEMO_HOLD_REVIEW
}
