package org.haipump.badinput;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A request an endpoint accepts, made by its fixture: the ids for the path template (the resources
 * exist), a valid body as a JSON tree ({@code null} for none), headers, and the pumps whose own rows
 * (and flags) the request could change, so that a refusal can be shown to have changed none of them.
 */
record Target(List<String> pathIds, ObjectNode body, Map<String, String> headers, List<String> pumpIds) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request to a path without ids. */
    static Target of(Map<String, Object> body) {
        return new Target(List.of(), JSON.valueToTree(body), Map.of(), List.of());
    }

    /** A request to a path whose template takes these ids, in order. */
    static Target at(String... pathIds) {
        return new Target(List.of(pathIds), null, Map.of(), List.of());
    }

    Target body(Map<String, Object> body) {
        return new Target(pathIds, JSON.valueToTree(body), headers, pumpIds);
    }

    Target header(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Target(pathIds, body, Map.copyOf(more), pumpIds);
    }

    Target watching(String... pumps) {
        return new Target(pathIds, body, headers, Stream.concat(pumpIds.stream(), Stream.of(pumps)).toList());
    }
}
