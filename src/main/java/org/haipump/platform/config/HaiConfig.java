package org.haipump.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;

/** The clinic's rules and the service's schedules: every {@code hai.*} key in one place. */
@ConfigMapping(prefix = "hai")
public interface HaiConfig {

    Cycle cycle();

    Flow flow();

    OverdueScan overdueScan();

    Metrics metrics();

    /** Zone for local due dates of a patient who has none. */
    @WithDefault("America/New_York")
    ZoneId defaultTimeZone();

    interface Cycle {
        /** Interval after a chemotherapy or heparin fill. */
        @WithDefault("14d")
        Duration refillInterval();

        /** Interval after a glycerol fill. */
        @WithDefault("56d")
        Duration glycerolInterval();

        /** How long the pump keeps running after the due time. */
        @WithDefault("2d")
        Duration reserve();

        /** How early before the due time an appointment may start. */
        @WithDefault("3d")
        Duration earlyWindow();
    }

    interface Flow {
        /** Deviation of the measured from the nominal flow rate, in percent, above which a flag is raised. */
        @WithDefault("15")
        double tolerance();
    }

    interface OverdueScan {
        /** Period of the overdue scan. */
        @WithDefault("5m")
        Duration every();
    }

    interface Metrics {
        /** How long a count of the open flags serves scrapes before the database is asked again. */
        @WithDefault("10s")
        Duration openFlagsMaxAge();
    }
}
