package org.haipump.badinput;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One generated request: what is wrong with it, what the service must answer, and how to build it
 * from a {@link Target} of its endpoint.
 */
record BadRequest(String name, Expectation expected, Function<Target, Wire> build) {

    /** The request as it goes on the wire. */
    record Wire(List<String> pathIds, String contentType, byte[] body, boolean chunked, Map<String, String> headers) {
    }

    /**
     * Either accepted (2xx), for the few mutations a clinic would still consider valid input, or
     * refused with one of the listed 4xx statuses as a problem document, with nothing written.
     */
    record Expectation(boolean accepted, Set<Integer> statuses) {

        static final Expectation ACCEPTED = new Expectation(true, Set.of());

        static Expectation refused(Integer... statuses) {
            if (Arrays.stream(statuses).anyMatch(s -> s < 400 || s > 499)) {
                throw new IllegalArgumentException("A refusal is a 4xx: " + Arrays.toString(statuses));
            }
            return new Expectation(false, new TreeSet<>(Set.of(statuses)));
        }

        @Override
        public String toString() {
            return accepted ? "accepted (2xx)"
                    : "refused with " + statuses.stream().map(String::valueOf).collect(Collectors.joining(" or "));
        }
    }
}
