package org.haipump.fills;

import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import java.util.regex.Pattern;
import org.haipump.platform.problem.ProblemException;

/** The {@code Idempotency-Key} header of a fill, checked by the resources that take one. */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final String FORMAT = "must be sent once, as 1 to 255 visible ASCII characters";

    private IdempotencyKeys() {
    }

    /**
     * The key sent, or null when none was; a problem naming the header when it is malformed, or
     * absent though {@code required}. Checked on the raw values, because {@code @HeaderParam} reads
     * an empty header as none: a client whose key was left empty must learn that it has no retry safety.
     */
    public static String of(HttpHeaders headers, boolean required) {
        List<String> sent = headers.getRequestHeader(HEADER);
        if (sent == null || sent.isEmpty()) {
            if (required) {
                throw ProblemException.invalid(HEADER, "is required: " + FORMAT);
            }
            return null;
        }
        if (sent.size() > 1 || !VALID_KEY.matcher(sent.get(0)).matches()) {
            throw ProblemException.invalid(HEADER, FORMAT);
        }
        return sent.get(0);
    }
}
