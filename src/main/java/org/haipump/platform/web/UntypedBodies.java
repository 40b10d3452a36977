package org.haipump.platform.web;

import io.vertx.core.http.HttpHeaders;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A body without a Content-Type is a 415, as for any type but JSON: the resources consume JSON
 * only, and would otherwise read an untyped body as JSON on a guess.
 */
public class UntypedBodies {

    @ServerRequestFilter
    public void refuseUntypedBody(ContainerRequestContext request) {
        if (request.getMediaType() == null && hasBody(request)) {
            throw new NotSupportedException();
        }
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH.toString());
        return request.getHeaderString(HttpHeaders.TRANSFER_ENCODING.toString()) != null
                || (length != null && !length.strip().equals("0"));
    }
}
