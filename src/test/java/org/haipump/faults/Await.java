package org.haipump.faults;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Bounded polling: the only kind of waiting the fault tests do. */
public final class Await {

    private static final Duration POLL_EVERY = Duration.ofMillis(200);

    private Await() {
    }

    /**
     * Polls {@code probe} until it returns non-null, and returns that value. Fails after
     * {@code within}, naming what it waited for and the last failure the probe reported. An
     * {@link AssertionError} from the probe fails at once.
     */
    public static <T> T until(Duration within, String what, Callable<T> probe) {
        long deadline = System.nanoTime() + within.toNanos();
        Exception lastFailure = null;
        while (true) {
            try {
                T value = probe.call();
                if (value != null) {
                    return value;
                }
            } catch (AssertionError e) {
                throw e;
            } catch (Exception e) {
                lastFailure = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited " + within.toSeconds() + " s for " + what
                        + (lastFailure == null ? "" : "; last failure: " + lastFailure), lastFailure);
            }
            pause(POLL_EVERY);
        }
    }

    /** Seconds since {@code startedNanos} ({@link System#nanoTime()}), for reports. */
    public static double secondsSince(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 1e7) / 100.0;
    }

    /** A poll's pause; never a wait for an outcome by itself. */
    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }
}
