package org.haipump.cycle;

import java.util.Map;
import java.util.Objects;

/**
 * Why a rule refused a request. {@link Kind#CONFLICT} means the pump's current state forbids it
 * (try again after the state changes); {@link Kind#RULE_VIOLATION} means the request itself breaks
 * a clinical rule.
 */
public record Refusal(Reason reason, String message, Map<String, Object> details) {

    public enum Kind { CONFLICT, RULE_VIOLATION }

    /**
     * Every reason the rules refuse for, with the code clients branch on. The web layer answers each
     * with the problem type of the same name.
     */
    public enum Reason {
        FILL_IN_FUTURE("fill-in-future", Kind.RULE_VIOLATION),
        FILL_BEFORE_IMPLANT("fill-before-implant", Kind.RULE_VIOLATION),
        FILL_NOT_AFTER_LATEST("fill-not-after-latest", Kind.CONFLICT),
        VOLUME_ABOVE_RESERVOIR("volume-above-reservoir", Kind.RULE_VIOLATION),
        RESIDUAL_ABOVE_RESERVOIR("residual-above-reservoir", Kind.RULE_VIOLATION),
        DEVIATION_REASON_REQUIRED("deviation-reason-required", Kind.RULE_VIOLATION),
        OUTSIDE_REFILL_WINDOW("outside-refill-window", Kind.RULE_VIOLATION),
        APPOINTMENT_IN_PAST("appointment-in-past", Kind.RULE_VIOLATION),
        URGENT_REASON_REQUIRED("urgent-reason-required", Kind.RULE_VIOLATION),
        PLANNED_DRUG_REASON_REQUIRED("planned-drug-reason-required", Kind.RULE_VIOLATION),
        HOLD_IN_PAST("hold-in-past", Kind.RULE_VIOLATION),
        HOLD_TOO_FAR_AHEAD("hold-too-far-ahead", Kind.RULE_VIOLATION),
        ABSENCE_TOO_LONG("absence-too-long", Kind.RULE_VIOLATION),
        HOLD_OVERLAPS("hold-overlaps", Kind.CONFLICT),
        HOLD_NOT_COVERED("hold-not-covered", Kind.RULE_VIOLATION),
        NO_REFILL_BEFORE_DEPARTURE("no-refill-before-departure", Kind.RULE_VIOLATION),
        CHEMOTHERAPY_HOLD_ACTIVE("chemotherapy-hold-active", Kind.CONFLICT),
        CHEMOTHERAPY_HOLD_ENDED("chemotherapy-hold-ended", Kind.CONFLICT),
        HOLD_END_BEFORE_START("hold-end-before-start", Kind.RULE_VIOLATION),
        HOLD_END_IN_FUTURE("hold-end-in-future", Kind.RULE_VIOLATION);

        private final String code;
        private final Kind kind;

        Reason(String code, Kind kind) {
            this.code = code;
            this.kind = kind;
        }

        public String code() {
            return code;
        }

        public Kind kind() {
            return kind;
        }
    }

    public Refusal {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public Refusal(Reason reason, String message) {
        this(reason, message, Map.of());
    }

    public Kind kind() {
        return reason.kind();
    }

    public String code() {
        return reason.code();
    }

    /** The same refusal about another field, such as one nested in the request. */
    public Refusal withField(String field) {
        Map<String, Object> moved = new java.util.HashMap<>(details);
        moved.put("field", field);
        return new Refusal(reason, message, moved);
    }
}
