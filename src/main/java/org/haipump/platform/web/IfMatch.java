package org.haipump.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.haipump.platform.problem.Problem;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.problem.ProblemType;

/**
 * The {@code If-Match} precondition of a change (RFC 9110, section 13.1.1): the change applies only
 * if the resource is still at a version the client names. Resources parse the header; services
 * {@link #check} it inside their transaction against the row they have locked, so that a stale
 * request is refused before it writes anything. An absent header checks nothing: the row's
 * {@code @Version} still refuses a lost update.
 */
public final class IfMatch {

    public static final String HEADER = "If-Match";

    /** No {@code If-Match} header: any version. */
    public static final IfMatch ABSENT = new IfMatch(true, List.of());

    private static final String ENTITY_TAG = "(W/)?\"([\\x21\\x23-\\x7E\\x80-\\xFF]*)\"";
    private static final Pattern ONE_TAG = Pattern.compile(ENTITY_TAG);
    /** A list of entity tags; empty list elements are allowed (RFC 9110, section 5.6.1.2). */
    private static final Pattern TAG_LIST = Pattern.compile(
            "[ \\t,]*" + ENTITY_TAG + "(?:[ \\t]*,[ \\t,]*" + ENTITY_TAG + ")*[ \\t,]*");
    private static final String FORMAT = "must be * or a list of entity tags as sent in ETag, such as \"3\"";

    private record Tag(boolean weak, String opaque) {
    }

    private final boolean any;
    private final List<Tag> tags;

    private IfMatch(boolean any, List<Tag> tags) {
        this.any = any;
        this.tags = tags;
    }

    /**
     * The header's field lines as sent (several lines make one list): absent, {@code *}, or a list of
     * entity tags. Anything else is a 400 problem naming the header.
     */
    public static IfMatch parse(List<String> fieldLines) {
        return fieldLines == null || fieldLines.isEmpty() ? ABSENT : parse(String.join(", ", fieldLines));
    }

    /** One field line: {@code *}, or a list of entity tags; null when the header is absent. */
    public static IfMatch parse(String header) {
        if (header == null) {
            return ABSENT;
        }
        String value = header.strip();
        if (value.equals("*")) {
            return new IfMatch(true, List.of());
        }
        if (!TAG_LIST.matcher(value).matches()) {
            throw ProblemException.invalid(HEADER, FORMAT);
        }
        List<Tag> tags = new ArrayList<>();
        Matcher tag = ONE_TAG.matcher(value);
        while (tag.find()) {
            tags.add(new Tag(tag.group(1) != null, tag.group(2)));
        }
        return new IfMatch(false, List.copyOf(tags));
    }

    /**
     * Refuses the change with 412 unless the header is absent, is {@code *} (the resource exists:
     * the caller has loaded it), or names the current version. The comparison is strong, as
     * RFC 9110 requires for {@code If-Match}: a weak tag ({@code W/"3"}) never matches.
     */
    public void check(long currentVersion) {
        String current = Long.toString(currentVersion);
        if (any || tags.stream().anyMatch(t -> !t.weak() && t.opaque().equals(current))) {
            return;
        }
        String etag = Versioned.etag(currentVersion);
        String detail = tags.stream().allMatch(Tag::weak)
                ? "If-Match names only weak entity tags (W/...), which never match: send the ETag exactly as "
                        + "this service sent it. The current ETag is " + etag + "."
                : "The resource changed since it was read: If-Match does not name its current ETag " + etag
                        + ". Read it again and decide whether the change still applies.";
        throw new ProblemException(new Problem(ProblemType.PRECONDITION_FAILED, detail,
                List.of(new Problem.FieldError(HEADER, detail)), Map.of("currentEtag", etag)));
    }
}
