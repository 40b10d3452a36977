package org.haipump.appointments;

/**
 * Where a home visit stands with the partner that is to make it: not yet answered, accepted,
 * declined (the clinic books anew or refills at the clinic), or answered with another start time
 * the clinic may accept.
 */
public enum WorkOrderStatus { PENDING, ACCEPTED, DECLINED, PROPOSED }
