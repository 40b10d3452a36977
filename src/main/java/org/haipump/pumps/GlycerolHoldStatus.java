package org.haipump.pumps;

/** PLANNED until its glycerol fill is recorded (FILLED), or CANCELLED before that; a hold is kept. */
public enum GlycerolHoldStatus { PLANNED, FILLED, CANCELLED }
