package org.haipump.flags;

public enum FlagLevel { OVERDUE, CRITICAL, WARNING }
