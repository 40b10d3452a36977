package org.haipump.worklist;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;
import org.haipump.platform.problem.ProblemException;

/**
 * Where a page of the worklist ended: the last item's due time and pump, in the list's own order
 * ({@code nextDueAt, id}). The next page starts after it with an index range, however deep: no
 * offset to skip. Opaque to clients, and naming nothing but a time and a pump id.
 */
record WorklistCursor(Instant dueAt, UUID pumpId) {

    static final String PARAMETER = "after";
    private static final String SEPARATOR = "~";

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((dueAt + SEPARATOR + pumpId).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a worklist answer gave as {@code nextCursor}; a 400 naming {@code after} for anything else. */
    static WorklistCursor parse(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(SEPARATOR, -1);
            if (parts.length == 2) {
                WorklistCursor cursor = new WorklistCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
                // UUID.fromString takes some malformed ids: only the exact text a cursor encodes to is one.
                if (cursor.encode().equals(text)) {
                    return cursor;
                }
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // not one of ours: refused below
        }
        throw ProblemException.invalid(PARAMETER, "must be a nextCursor from an earlier worklist answer");
    }
}
