package org.haipump.platform.problem;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The database constraints that back a rule the services check first. When two requests race past
 * the check, the constraint decides, and the loser gets the same problem the check would have given.
 */
final class ConstraintProblems {

    private static final Map<String, String[]> BY_CONSTRAINT = Map.of(
            "patient_mrn_unique", new String[] {"duplicate-mrn", "A patient with this MRN is already registered.",
                    "mrn"},
            "pump_serial_unique", new String[] {"duplicate-serial-number",
                    "A pump with this serial number is registered.", "serialNumber"},
            "pump_one_active_per_patient", new String[] {"patient-has-active-pump",
                    "The patient already has a pump in place; record its removal first.", "patientId"},
            "appointment_one_open_per_pump", new String[] {"open-appointment-exists",
                    "The pump already has an open appointment; cancel it before booking another.", null},
            "chemotherapy_hold_one_lasting_per_pump", new String[] {"chemotherapy-hold-active",
                    "Chemotherapy is already held for this pump: end that hold first.", null},
            "fill_one_per_instant", new String[] {"fill-not-after-latest",
                    "The pump already has a fill at this instant.", "performedAt"},
            "idempotency_record_pkey", new String[] {"idempotency-key-in-use",
                    "This Idempotency-Key is being used by another request; retry to get its answer.",
                    "Idempotency-Key"});

    private ConstraintProblems() {
    }

    static Optional<Problem> forConstraint(String constraintName) {
        String[] known = constraintName == null ? null : BY_CONSTRAINT.get(constraintName.toLowerCase());
        if (known == null) {
            return Optional.empty();
        }
        List<Problem.FieldError> errors = known[2] == null ? null : List.of(new Problem.FieldError(known[2], known[1]));
        return Optional.of(new Problem(Problem.TYPE_BASE + known[0], "Conflict with the current state", 409,
                known[1], null, errors, null));
    }
}
