package org.haipump.cycle;

import java.util.Map;
import java.util.Objects;

/**
 * Why a rule refused a request. {@link Kind#CONFLICT} means the pump's current state forbids it
 * (try again after the state changes); {@link Kind#RULE_VIOLATION} means the request itself breaks
 * a clinical rule.
 */
public record Refusal(Kind kind, String code, String message, Map<String, Object> details) {

    public enum Kind { CONFLICT, RULE_VIOLATION }

    public Refusal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** The same refusal about another field, such as one nested in the request. */
    public Refusal withField(String field) {
        Map<String, Object> moved = new java.util.HashMap<>(details);
        moved.put("field", field);
        return new Refusal(kind, code, message, moved);
    }

    public static Refusal conflict(String code, String message) {
        return new Refusal(Kind.CONFLICT, code, message, Map.of());
    }

    public static Refusal ruleViolation(String code, String message) {
        return new Refusal(Kind.RULE_VIOLATION, code, message, Map.of());
    }

    public static Refusal ruleViolation(String code, String message, Map<String, Object> details) {
        return new Refusal(Kind.RULE_VIOLATION, code, message, details);
    }
}
