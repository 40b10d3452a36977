package org.haipump.support;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The service's management interface (health, metrics, the served OpenAPI document): a port apart
 * from the API's, which the test profile picks at random ({@code quarkus.management.test-port=0}).
 */
public final class Management {

    private Management() {
    }

    /** The absolute URL of {@code path} (e.g. {@code /q/metrics}) on the management interface. */
    public static String url(String path) {
        String base = ConfigProvider.getConfig().getValue("test.management.url", String.class);
        String root = base.endsWith("/q") ? base.substring(0, base.length() - 2) : base;
        return root + path;
    }

}
