package org.haipump.appointments;

public enum AppointmentStatus { BOOKED, COMPLETED, CANCELLED }
