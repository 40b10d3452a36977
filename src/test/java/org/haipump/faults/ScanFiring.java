package org.haipump.faults;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One firing of the overdue scan that a node ran, as {@code flags/OverdueScanJob} logs it: the
 * scheduled time and the node.
 */
public record ScanFiring(Instant scheduledFor, String node) {

    private static final Pattern LINE =
            Pattern.compile("Overdue scan firing scheduled for (\\S+) runs on node (\\S+)");

    private static final Pattern SKIPPED =
            Pattern.compile("Overdue scan firing scheduled for (\\S+) already ran on another node; skipped");

    /** Firings handed to the service that it skipped, because another node had run them. */
    public static List<Instant> skippedIn(ServiceProcess service) {
        return service.logLines().stream().map(SKIPPED::matcher).filter(Matcher::find)
                .map(m -> Instant.parse(m.group(1))).toList();
    }

    /** Every firing in the logs of every start of the service, in log order. */
    public static List<ScanFiring> in(ServiceProcess service) {
        return service.logLines().stream().map(LINE::matcher).filter(Matcher::find)
                .map(m -> new ScanFiring(Instant.parse(m.group(1)), m.group(2))).toList();
    }
}
