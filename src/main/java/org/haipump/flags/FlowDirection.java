package org.haipump.flags;

/** Which way a {@link FlagKind#FLOW_DEVIATION} deviates. */
public enum FlowDirection {
    /** Faster than nominal: the pump runs dry early, and the refill falls due sooner. */
    FAST,
    /** Slower than nominal: possible catheter occlusion. */
    SLOW
}
