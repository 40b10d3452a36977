package org.haipump.webhooks;

import java.util.List;
import org.haipump.platform.web.Listing;

/**
 * A page of the event feed, oldest first. {@code nextCursor} is where to read on from: the last
 * event served, or the cursor asked for when there was nothing newer (null: nothing yet at all).
 */
public record EventFeedPage(List<FeedEvent> items, String nextCursor) implements Listing<FeedEvent> {
}
