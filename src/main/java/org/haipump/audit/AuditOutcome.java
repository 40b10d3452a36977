package org.haipump.audit;

/** How the request ended, from its HTTP status. */
public enum AuditOutcome {
    SUCCESS,
    /** 401 or 403: no valid token, or a role that may not do this. */
    DENIED,
    NOT_FOUND,
    /** Any other 4xx: invalid input, a conflict, a clinical rule. */
    REJECTED,
    FAILED;

    public static AuditOutcome of(int status) {
        if (status < 400) {
            return SUCCESS;
        }
        if (status == 401 || status == 403) {
            return DENIED;
        }
        if (status == 404) {
            return NOT_FOUND;
        }
        return status < 500 ? REJECTED : FAILED;
    }
}
