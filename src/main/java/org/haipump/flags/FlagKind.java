package org.haipump.flags;

public enum FlagKind {
    /** The refill is past its due time: the pump runs on its reserve, or may be dry. */
    REFILL_OVERDUE,
    /** The measured flow rate is outside the tolerance: a fast pump, or a blocked catheter. */
    FLOW_DEVIATION
}
