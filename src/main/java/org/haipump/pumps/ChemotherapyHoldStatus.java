package org.haipump.pumps;

/** A hold lasts until it is ended; an ended one is kept. */
public enum ChemotherapyHoldStatus { ACTIVE, ENDED }
