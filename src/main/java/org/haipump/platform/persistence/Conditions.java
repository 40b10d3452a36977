package org.haipump.platform.persistence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The optional filters of a list query: each applies only when its value is given. */
public final class Conditions {

    private final List<String> clauses = new ArrayList<>();
    private final Map<String, Object> parameters = new HashMap<>();

    /** Adds {@code clause}, which names the parameter {@code :name}, when {@code value} is not null. */
    public Conditions when(Object value, String clause, String name) {
        if (value != null) {
            clauses.add(clause);
            parameters.put(name, value);
        }
        return this;
    }

    /** The Panache query: the clauses joined with {@code and}, then the order. */
    public String orderedBy(String order) {
        return (clauses.isEmpty() ? "" : String.join(" and ", clauses)) + " order by " + order;
    }

    /** For native SQL: {@code " where "} and the clauses joined with {@code and}, or nothing. */
    public String where() {
        return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    }

    public Map<String, Object> parameters() {
        return parameters;
    }
}
