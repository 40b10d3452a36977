package org.haipump.platform.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/** The clinic's rules and the service's schedules: every {@code hai.*} key in one place. */
@ConfigMapping(prefix = "hai")
public interface HaiConfig {

    Cycle cycle();

    Booking booking();

    Appointments appointments();

    Flow flow();

    OverdueScan overdueScan();

    Metrics metrics();

    Worklist worklist();

    Webhooks webhooks();

    Idempotency idempotency();

    Security security();

    Jwt jwt();

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

        /**
         * How early before the due day an appointment may start: the window opens at the start of
         * the patient's local day this many days before it.
         */
        @WithDefault("3d")
        Duration earlyWindow();

        /** A glycerol hold's return day must end at least this long before the glycerol fill is due. */
        @WithDefault("2d")
        Duration returnMargin();
    }

    interface Booking {
        /** Once a refill is past due, how far ahead of now an urgent visit may start, even past the reserve. */
        @WithDefault("24h")
        Duration urgentHorizon();
    }

    interface Appointments {
        /** A booked visit with no fill this long after its start is missed. */
        @WithDefault("2h")
        Duration missedAfter();
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

    interface Worklist {
        /**
         * How long the worklist's counts by status serve requests before they are counted again, in
         * the background; 0 counts on every request (docs/api-guide.md, Worklist).
         */
        @WithDefault("5s")
        Duration countsMaxAge();
    }

    interface Webhooks {
        /** After a rotation, how long the previous secret keeps signing beside the new one. */
        @WithDefault("24h")
        Duration secretOverlap();

        /** How long an event is retried before it is dead-lettered. */
        @WithDefault("3d")
        Duration maxAge();

        /** Period of the clustered dispatcher. */
        @WithDefault("10s")
        Duration dispatchEvery();

        /** Delay before the first retry; each later one doubles it, with jitter. */
        @WithDefault("30s")
        Duration retryInitialDelay();

        /** How long one delivery attempt may take, connecting included. */
        @WithDefault("10s")
        Duration attemptTimeout();

        /**
         * Accept http URLs and URLs that resolve to private, loopback or link-local addresses. Off
         * in production: a webhook URL must not reach into the clinic's own network.
         */
        @WithDefault("false")
        boolean allowHttp();
    }

    interface Idempotency {
        /** How long the first answer to an Idempotency-Key is kept and replayed. */
        @WithDefault("72h")
        Duration retention();
    }

    interface Jwt {
        /**
         * The {@code aud} every bearer token must carry (mp.jwt.verify.audiences is set from it);
         * required in the prod profile (RequiredInProduction).
         */
        Optional<String> audience();
    }

    interface Security {
        TokenCache tokenCache();
    }

    /** Verified bearer tokens kept for reuse (docs/operations.md, Security). */
    interface TokenCache {
        /** The longest a verified token is reused without checking its signature again; 0 turns the cache off. */
        @WithDefault("60s")
        Duration maxAge();

        /** Memory for the tokens kept; the least used are dropped first. */
        @WithDefault("16M")
        MemorySize maxMemory();

        /** How often each node looks whether the verification key (a file) changed, and then clears the cache. */
        @WithDefault("10s")
        Duration keyCheckEvery();
    }
}
