package org.haipump.platform.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Instants and dates as the API reads them: ISO-8601 with a four-digit year, 0001 to 9999. Java
 * also parses years such as +999999999, which PostgreSQL cannot store and no clinic means.
 */
public final class IsoTime {

    public static final int EARLIEST_YEAR = 1;
    public static final int LATEST_YEAR = 9999;
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private IsoTime() {
    }

    /** An instant such as {@code 2026-11-26T10:00:00Z} (an offset instead of Z is converted to UTC). */
    public static Instant instant(String text) {
        Instant instant = Instant.parse(text);
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new DateTimeException("The year lies outside 0001 to 9999");
        }
        return instant;
    }

    /** A date such as {@code 2026-11-26}; impossible dates such as 2026-02-30 are refused. */
    public static LocalDate date(String text) {
        LocalDate date = LocalDate.parse(text);
        if (date.getYear() < EARLIEST_YEAR || date.getYear() > LATEST_YEAR) {
            throw new DateTimeException("The year lies outside 0001 to 9999");
        }
        return date;
    }
}
