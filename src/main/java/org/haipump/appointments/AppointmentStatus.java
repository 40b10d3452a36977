package org.haipump.appointments;

/** BOOKED is the only open state; a MISSED visit no longer blocks a new booking. */
public enum AppointmentStatus { BOOKED, COMPLETED, CANCELLED, MISSED }
