package org.haipump.audit;

import java.util.UUID;

/**
 * A response that discloses one patient's data. A record with a {@code patientId} component needs
 * only to declare it; the audit trail then names that patient for every request that returns it.
 */
public interface PatientRecord {

    UUID patientId();
}
