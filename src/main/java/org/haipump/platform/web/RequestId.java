package org.haipump.platform.web;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every request its id, before anything can refuse it (the body-size limit included): a new
 * UUID, in the answer's {@code X-Request-Id}, in the log's MDC as {@code requestId}, and to the
 * audit trail through {@link #of(RoutingContext)}. The service makes the id, so that no caller can
 * choose what a record is found by; the caller's own {@code X-Request-Id}, when it can hold nothing
 * but an id, is kept beside it ({@link #callerOf(RoutingContext)}).
 */
@ApplicationScoped
public class RequestId {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final String CONTEXT_KEY = RequestId.class.getName();
    private static final Pattern CALLER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** The caller's {@code X-Request-Id} if it is 1-64 characters of {@code [A-Za-z0-9._-]}, else nothing. */
    public static Optional<String> callerOf(RoutingContext request) {
        String sent = request.request().getHeader(HEADER);
        return sent != null && CALLER_ID.matcher(sent).matches() ? Optional.of(sent) : Optional.empty();
    }

    /** The id {@link #assign} gave this request. */
    public static String of(RoutingContext request) {
        String id = request.get(CONTEXT_KEY);
        if (id == null) {
            id = UUID.randomUUID().toString();
            request.put(CONTEXT_KEY, id);
        }
        return id;
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 2).handler(this::assign);
    }

    private void assign(RoutingContext request) {
        String id = of(request);
        request.response().putHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        request.next();
    }
}
