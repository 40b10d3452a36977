package org.haipump.flags;

public enum FlagStatus { OPEN, RESOLVED }
