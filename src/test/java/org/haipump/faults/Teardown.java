package org.haipump.faults;

/** The end of a fault test: what it started goes, in order, even when one part fails to stop. */
public final class Teardown {

    private Teardown() {
    }

    /**
     * Closes each part that was started (null: never started), in the order given: services before
     * the database they use. A part that fails to close does not keep the rest running; the first
     * failure is thrown once all are closed.
     */
    public static void closeAll(AutoCloseable... parts) {
        RuntimeException first = null;
        for (AutoCloseable part : parts) {
            if (part == null) {
                continue;
            }
            try {
                part.close();
            } catch (Exception e) {
                RuntimeException failure = e instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException("Cannot close " + part, e);
                if (first == null) {
                    first = failure;
                } else {
                    first.addSuppressed(failure);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
