package org.haipump.audit;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Only well-formed UUIDs from a path are recorded: any other segment could be typed-in patient data. */
final class Ids {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {
    }

    static Optional<UUID> parse(String text) {
        return text != null && UUID_TEXT.matcher(text).matches() ? Optional.of(UUID.fromString(text)) : Optional.empty();
    }
}
