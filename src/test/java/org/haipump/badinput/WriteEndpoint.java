package org.haipump.badinput;

import java.util.function.Supplier;

/**
 * One write operation of the API, described once for the bad-input suite: its method and path
 * template, the request record its body binds to ({@code null} when it takes no body), a token of a
 * role allowed to call it, and how to make a request it accepts ({@link Target}). The suite derives
 * every bad request from these.
 */
record WriteEndpoint(String method, String path, Class<? extends Record> requestType, Supplier<String> token,
                     Supplier<Target> target) {

    static WriteEndpoint post(String path, Class<? extends Record> requestType, Supplier<String> token,
                              Supplier<Target> target) {
        return new WriteEndpoint("POST", path, requestType, token, target);
    }

    static WriteEndpoint put(String path, Class<? extends Record> requestType, Supplier<String> token,
                             Supplier<Target> target) {
        return new WriteEndpoint("PUT", path, requestType, token, target);
    }

    String name() {
        return method + " " + path;
    }

    boolean takesBody() {
        return requestType != null;
    }
}
