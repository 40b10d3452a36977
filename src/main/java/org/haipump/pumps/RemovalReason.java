package org.haipump.pumps;

/** Why a pump was taken out. */
public enum RemovalReason {
    COMPLETED_THERAPY, LACK_OF_RESPONSE, COMPLICATION, DISEASE_PROGRESSION, PATIENT_PREFERENCE, OTHER
}
