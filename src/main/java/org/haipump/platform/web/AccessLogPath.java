package org.haipump.platform.web;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives the HTTP access log the path template of the resource method that answered
 * ({@code /api/v1/pumps/{id}}) instead of the path as sent, which holds whatever a client put in
 * it, an MRN included ({@code GET /api/v1/patients/MRN-1}). A request that matched no method is
 * logged as {@code UNMATCHED}.
 */
public class AccessLogPath {

    /** The routing-context key that {@code quarkus.http.access-log.pattern} reads as {@code %{d,hai.path}}. */
    public static final String KEY = "hai.path";
    static final String UNMATCHED = "UNMATCHED";

    private final Map<Method, String> templates = new ConcurrentHashMap<>();
    /** The current request's (a request-scoped proxy). */
    private final RoutingContext routing;

    AccessLogPath(RoutingContext routing) {
        this.routing = routing;
    }

    @ServerResponseFilter
    public void recordPath(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        routing.put(KEY, method == null ? UNMATCHED : templates.computeIfAbsent(method, PathTemplate::of));
    }
}
