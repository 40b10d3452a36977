package org.haipump.cycle;

/** Which rule set a refill's due time, so that the nurse sees why it falls when it does. */
public enum DeadlineBasis {
    /** The drug's interval after the latest fill: the pump holds enough for the whole interval. */
    INTERVAL,
    /** The fill's volume at the pump's rate (measured, else nominal) runs out before the interval ends. */
    FLOW,
    /** No fill is recorded: counted from the heparin fill of the operating room, at the start of the implant day. */
    IMPLANT
}
