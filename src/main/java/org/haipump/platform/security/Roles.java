package org.haipump.platform.security;

/** The roles of the token's {@code groups} claim. */
public final class Roles {

    public static final String SCHEDULER = "scheduler";
    public static final String NURSE = "nurse";
    public static final String ADMIN = "admin";
    /** Home-infusion agencies; their token carries {@code partner_id}. */
    public static final String PARTNER = "partner";

    private Roles() {
    }
}
