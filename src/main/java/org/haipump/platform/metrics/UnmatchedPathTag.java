package org.haipump.platform.metrics;

import io.micrometer.core.instrument.Tags;
import io.quarkus.micrometer.runtime.HttpServerMetricsTagsContributor;
import jakarta.inject.Singleton;

/**
 * Tags a request that matched no resource method (405, 413, 415, ...) by what happened instead of
 * its raw path, which may hold ids or any text a client sent: {@code DELETE /api/v1/patients/MRN-1}.
 * Requests that matched keep the method's template, {@code /api/v1/pumps/{id}}.
 */
@Singleton
public class UnmatchedPathTag implements HttpServerMetricsTagsContributor {

    /** Where Quarkus REST leaves the matched method's path template for the HTTP metrics. */
    static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

    @Override
    public Tags contribute(Context context) {
        if (context.requestContextLocalData(URL_PATH_TEMPLATE) != null) {
            return Tags.empty();
        }
        int status = context.response().statusCode();
        // Replaces the uri tag: the contributed tags are merged last.
        return Tags.of("uri", status == 404 ? "NOT_FOUND" : status / 100 == 3 ? "REDIRECTION" : "UNMATCHED");
    }
}
