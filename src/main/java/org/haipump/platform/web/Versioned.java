package org.haipump.platform.web;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * A representation and the {@code @Version} of the row it shows, answered with that version as its
 * strong {@code ETag}; a later change sends the ETag back in {@code If-Match} (see {@link IfMatch}).
 * Services build it after flushing, so that the version is the one the change wrote.
 */
public record Versioned<T>(T body, long version) {

    /** The entity tag of a row version: {@code "3"}. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    public String etag() {
        return etag(version);
    }

    /** 200 with the body and its ETag. */
    public RestResponse<T> ok() {
        return RestResponse.ResponseBuilder.ok(body).header(HttpHeaders.ETAG, etag()).build();
    }

    /** 201 with the body, its ETag and its URL under the request's path in {@code Location}. */
    public Response created(UriInfo uri, UUID id) {
        return Response.fromResponse(Created.at(uri, id, body)).header(HttpHeaders.ETAG, etag()).build();
    }
}
