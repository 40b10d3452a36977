package org.haipump.cycle;

/** Whether the pump still delivers treatment, or is only kept open for a possible recurrence. */
public enum TherapyMode {
    /** Chemotherapy and heparin alternate every refill. */
    ACTIVE,
    /** After treatment, the pump is kept: only rest fills, never chemotherapy. */
    MAINTENANCE
}
