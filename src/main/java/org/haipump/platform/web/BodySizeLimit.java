package org.haipump.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.haipump.platform.problem.Problem;
import org.haipump.platform.problem.ProblemType;

/**
 * Bodies above {@code quarkus.http.limits.max-body-size} get a 413 problem document. Quarkus refuses
 * them itself, but with an empty 413: a declared Content-Length before any handler runs, a chunked
 * body while the resource reads it (and not at all when the JSON ends before the limit and the rest
 * is never read). Here a declared length is refused first, with a problem; a chunked body is counted
 * to its end by {@link BodySizeReader}, so Quarkus's own count of it, which would answer first, is
 * switched off.
 */
@ApplicationScoped
public class BodySizeLimit {

    /** How much of a refused body is read and dropped before the connection closes anyway. */
    static final long DRAIN_LIMIT = 2 * 1024 * 1024;

    private final long limit;
    private final ObjectMapper json;

    BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit, ObjectMapper json) {
        this.limit = limit.asLongValue();
        this.json = json;
    }

    public long limit() {
        return limit;
    }

    /** The problem of a body above the limit; {@code instance} is the request path. */
    public static Problem problem(long limit, String path) {
        return new Problem(ProblemType.HTTP_413, "The request body is larger than " + limit + " bytes.", null, null)
                .withInstance(path);
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::refuseDeclaredLength);
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(context -> {
            context.remove(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY);
            context.next();
        });
    }

    private void refuseDeclaredLength(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null || !isAboveLimit(declared)) {
            context.next();
            return;
        }
        String body;
        try {
            body = json.writeValueAsString(problem(limit, context.request().path()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem document could not be serialised", e);
        }
        HttpServerRequest request = context.request();
        HttpServerResponse response = context.response();
        boolean received = request.isEnded();
        if (received) {
            response.endHandler(written -> request.connection().close());
        }
        response.setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .putHeader(RequestId.HEADER, RequestId.of(context))
                .end(body);
        if (!received) {
            // A client still sending would see the connection reset instead of the answer: drop what
            // it sends, up to a bound, then close.
            long[] dropped = {0};
            request.handler(chunk -> {
                dropped[0] += chunk.length();
                if (dropped[0] > DRAIN_LIMIT) {
                    request.connection().close();
                }
            });
            request.endHandler(ended -> request.connection().close());
            request.resume();
        }
    }

    private boolean isAboveLimit(String declared) {
        try {
            return Long.parseLong(declared.strip()) > limit;
        } catch (NumberFormatException e) {
            return true; // more digits than a long holds
        }
    }
}
