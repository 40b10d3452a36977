package org.haipump.pumps;

public enum PumpStatus { ACTIVE, REMOVED }
