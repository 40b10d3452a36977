package org.haipump.cycle;

/** What a fill's residual volume says about how the pump flowed since the previous fill. */
public enum FlowFinding {
    /** Measured, within the tolerance of the nominal rate. */
    IN_TOLERANCE,
    /** Measured faster than the tolerance allows: the pump may run dry before its refill. */
    FAST,
    /** Measured slower than the tolerance allows: the catheter may be occluded. */
    SLOW,
    /** At least what the previous fill put in was withdrawn: the pump did not deliver. */
    NO_FLOW,
    /** Nothing was left: the pump may have run dry, so a measured rate is only a lower bound. */
    FOUND_EMPTY,
    /** Nothing to judge: no residual, no previous fill, less than a day since it, or a glycerol fill before. */
    NOT_MEASURED
}
