package org.haipump.platform.web;

import java.util.UUID;
import java.util.regex.Pattern;

/** The id every answer carries in {@code X-Request-Id}: the caller's, when it can hold nothing but an id. */
public final class RequestId {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern CALLER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestId() {
    }

    /** The caller's id if it is 1-64 characters of {@code [A-Za-z0-9._-]}, else a new UUID. */
    public static String of(String sentByCaller) {
        return sentByCaller != null && CALLER_ID.matcher(sentByCaller).matches() ? sentByCaller
                : UUID.randomUUID().toString();
    }
}
