package org.haipump.platform.problem;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The database constraints that back a rule the services check first. When two requests race past
 * the check, the constraint decides, and the loser gets the same problem the check would have given.
 */
final class ConstraintProblems {

    /** The problem a constraint stands for; {@code field} is null when no request field is to blame. */
    private record Known(ProblemType type, String detail, String field) {
    }

    private static final Map<String, Known> BY_CONSTRAINT = Map.of(
            "patient_mrn_unique", new Known(ProblemType.DUPLICATE_MRN,
                    "A patient with this MRN is already registered.", "mrn"),
            "pump_serial_unique", new Known(ProblemType.DUPLICATE_SERIAL_NUMBER,
                    "A pump with this serial number is registered.", "serialNumber"),
            "pump_one_active_per_patient", new Known(ProblemType.PATIENT_HAS_ACTIVE_PUMP,
                    "The patient already has a pump in place; record its removal first.", "patientId"),
            "appointment_one_open_per_pump", new Known(ProblemType.OPEN_APPOINTMENT_EXISTS,
                    "The pump already has an open appointment; cancel it before booking another.", null),
            "chemotherapy_hold_one_lasting_per_pump", new Known(ProblemType.CHEMOTHERAPY_HOLD_ACTIVE,
                    "Chemotherapy is already held for this pump: end that hold first.", null),
            "fill_one_per_instant", new Known(ProblemType.FILL_NOT_AFTER_LATEST,
                    "The pump already has a fill at this instant.", "performedAt"),
            "idempotency_record_pkey", new Known(ProblemType.IDEMPOTENCY_KEY_IN_USE,
                    "This Idempotency-Key is being used by another request; retry to get its answer.",
                    "Idempotency-Key"));

    private ConstraintProblems() {
    }

    static Optional<Problem> forConstraint(String constraintName) {
        Known known = constraintName == null ? null : BY_CONSTRAINT.get(constraintName.toLowerCase());
        if (known == null) {
            return Optional.empty();
        }
        List<Problem.FieldError> errors = known.field() == null ? null
                : List.of(new Problem.FieldError(known.field(), known.detail()));
        return Optional.of(new Problem(known.type(), known.detail(), errors, null));
    }
}
