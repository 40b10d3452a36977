package org.haipump.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.haipump.partners.PartnerScope;
import org.haipump.platform.problem.ProblemException;

/**
 * A partner's events, replayable from any point: the cursor is the position of the last event
 * read, and the outbox's order is commit order, so a partner that reads on from its cursor misses
 * nothing and sees nothing twice.
 */
@ApplicationScoped
public class EventFeed {

    private static final Pattern CURSOR = Pattern.compile("[0-9]{1,18}");

    private final EntityManager em;
    private final PartnerScope scope;
    private final ObjectMapper json;

    EventFeed(EntityManager em, PartnerScope scope, ObjectMapper json) {
        this.em = em;
        this.scope = scope;
        this.json = json;
    }

    /** The caller's events after {@code after} (all from the first when null), at most {@code limit}. */
    @Transactional
    public EventFeedPage read(String after, int limit) {
        if (after != null && !CURSOR.matcher(after).matches()) {
            throw ProblemException.invalid("after", "must be a cursor this feed returned as nextCursor");
        }
        UUID partnerId = scope.partnerId();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select seq, id, type, occurred_at, patient_id, cast(data as text) from outbox_event
                        where partner_id = :partnerId and seq > :after
                        order by seq limit :limit""")
                .setParameter("partnerId", partnerId)
                .setParameter("after", after == null ? 0L : Long.parseLong(after))
                .setParameter("limit", limit)
                .getResultList();
        List<FeedEvent> events = rows.stream().map(this::event).toList();
        String next = rows.isEmpty() ? after : String.valueOf(((Number) rows.get(rows.size() - 1)[0]).longValue());
        return new EventFeedPage(events, next);
    }

    private FeedEvent event(Object[] row) {
        return FeedEvent.of(json, (String) row[1], (String) row[2], (Instant) row[3], (String) row[5], (UUID) row[4]);
    }
}
