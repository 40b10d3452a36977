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

    public static ProblemException of(ProblemType type, String detail) {
        return new ProblemException(new Problem(type, detail, null, null));
    }

    /** A problem caused by the value of one request field, such as a unique value already taken. */
    public static ProblemException of(ProblemType type, String detail, String field) {
        return new ProblemException(new Problem(type, detail, List.of(new Problem.FieldError(field, detail)), null));
    }

    public static ProblemException notFound(String what, Object id) {
        return of(ProblemType.NOT_FOUND, "No " + what + " with id " + id + ".");
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(new Problem(ProblemType.VALIDATION, field + ": " + message,
                List.of(new Problem.FieldError(field, message)), null));
    }

    /** A part the service needs is down for now: 503, worth a retry (the answer says when). */
    public static ProblemException unavailable(String detail) {
        return of(ProblemType.UNAVAILABLE, detail);
    }

    /** A domain refusal, as the problem type of its reason; its details become extension members. */
    public static ProblemException of(Refusal refusal) {
        Map<String, Object> extensions = new HashMap<>(refusal.details());
        Object field = extensions.remove("field");
        List<Problem.FieldError> errors = field == null ? null
                : List.of(new Problem.FieldError(field.toString(), refusal.message()));
        return new ProblemException(new Problem(ProblemType.of(refusal.reason()), refusal.message(), errors,
                extensions));
    }
}
