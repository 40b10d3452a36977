package org.haipump.cycle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * When a chemotherapy hold's review falls due: the boundary table that the Java rule
 * ({@link ChemotherapyHold#reviewIsDue}) and the overdue scan's SQL ({@link RefillSql#reviewIsDue})
 * must both pass. Each row is a review day in a zone and an instant a second before, or at, the
 * start of that local day.
 */
public final class ReviewDayEdges {

    /** One row: at {@code at}, is a hold reviewed on {@code reviewOn} in {@code zone} due for review? */
    public record Edge(String name, LocalDate reviewOn, ZoneId zone, Instant at, boolean due) {
    }

    public static final List<Edge> ALL = List.of(
            edge("a second before local midnight (EST)", "2026-03-05", "America/New_York", "2026-03-05T04:59:59Z", false),
            edge("at local midnight (EST)", "2026-03-05", "America/New_York", "2026-03-05T05:00:00Z", true),
            // Clocks spring forward at 02:00: midnight is still standard time.
            edge("the day daylight time begins, a second before midnight", "2026-03-08", "America/New_York",
                    "2026-03-08T04:59:59Z", false),
            edge("the day daylight time begins, at midnight", "2026-03-08", "America/New_York",
                    "2026-03-08T05:00:00Z", true),
            // Clocks fall back at 02:00: midnight is still daylight time.
            edge("the day daylight time ends, a second before midnight", "2026-11-01", "America/New_York",
                    "2026-11-01T03:59:59Z", false),
            edge("the day daylight time ends, at midnight", "2026-11-01", "America/New_York",
                    "2026-11-01T04:00:00Z", true),
            // Clocks fall back from 01:00 to 00:00: midnight happens twice, the day begins at the first.
            edge("midnight happens twice: a second before the first", "2026-11-01", "America/Havana",
                    "2026-11-01T03:59:59Z", false),
            edge("midnight happens twice: at the first", "2026-11-01", "America/Havana",
                    "2026-11-01T04:00:00Z", true),
            // Clocks spring forward from 00:00 to 01:00: the day begins at 01:00.
            edge("no midnight at all: a second before the day begins", "2026-09-06", "America/Santiago",
                    "2026-09-06T03:59:59Z", false),
            edge("no midnight at all: as the day begins at 01:00", "2026-09-06", "America/Santiago",
                    "2026-09-06T04:00:00Z", true),
            edge("east of UTC, a second before the day begins (the evening before in UTC)", "2026-12-02",
                    "Asia/Kolkata", "2026-12-01T18:29:59Z", false),
            edge("east of UTC, as the day begins (the evening before in UTC)", "2026-12-02", "Asia/Kolkata",
                    "2026-12-01T18:30:00Z", true));

    private ReviewDayEdges() {
    }

    private static Edge edge(String name, String reviewOn, String zone, String at, boolean due) {
        return new Edge(name, LocalDate.parse(reviewOn), ZoneId.of(zone), Instant.parse(at), due);
    }
}
