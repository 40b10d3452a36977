package org.haipump.audit;

/** What a request did with patient data. */
public enum AuditAction {
    CREATE,
    READ,
    UPDATE,
    /** A list or lookup: every patient in the answer is named. */
    SEARCH
}
