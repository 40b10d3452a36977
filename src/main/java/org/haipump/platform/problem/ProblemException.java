package org.haipump.platform.problem;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.haipump.cycle.Refusal;

/** A refusal on its way to the client as a problem document; thrown by services. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.getDetail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(new Problem(Problem.TYPE_BASE + "not-found", "Not found", 404,
                "No " + what + " with id " + id + ".", null, null, null));
    }

    public static ProblemException conflict(String code, String detail) {
        return new ProblemException(new Problem(Problem.TYPE_BASE + code, "Conflict with the current state", 409,
                detail, null, null, null));
    }

    /** A conflict caused by the value of one request field, such as a unique value already taken. */
    public static ProblemException conflict(String code, String detail, String field) {
        return new ProblemException(new Problem(Problem.TYPE_BASE + code, "Conflict with the current state", 409,
                detail, null, List.of(new Problem.FieldError(field, detail)), null));
    }

    public static ProblemException ruleViolation(String code, String detail, String field) {
        return new ProblemException(new Problem(Problem.TYPE_BASE + code, "Clinical rule violated", 422,
                detail, null, field == null ? null : List.of(new Problem.FieldError(field, detail)), null));
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400,
                field + ": " + message, null, List.of(new Problem.FieldError(field, message)), null));
    }

    /** A part the service needs is down for now: 503, worth a retry (the answer says when). */
    public static ProblemException unavailable(String detail) {
        return new ProblemException(new Problem(Problem.TYPE_BASE + "unavailable", "Service unavailable", 503,
                detail, null, null, null));
    }

    /** A domain refusal: a conflict with the pump's state is 409, a broken clinical rule 422. */
    public static ProblemException of(Refusal refusal) {
        Map<String, Object> extensions = new HashMap<>(refusal.details());
        Object field = extensions.remove("field");
        boolean conflict = refusal.kind() == Refusal.Kind.CONFLICT;
        List<Problem.FieldError> errors = field == null ? null
                : List.of(new Problem.FieldError(field.toString(), refusal.message()));
        return new ProblemException(new Problem(Problem.TYPE_BASE + refusal.code(),
                conflict ? "Conflict with the current state" : "Clinical rule violated",
                conflict ? 409 : 422, refusal.message(), null, errors, extensions));
    }
}
