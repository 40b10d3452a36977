package org.haipump.cycle;

/** Where the refill happens: at the clinic, or at home by a home-infusion partner's nurse. */
public enum RefillLocation { CLINIC, HOME }
