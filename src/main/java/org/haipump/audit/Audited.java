package org.haipump.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Every call of this resource method, allowed or refused, appends one record to the audit trail.
 * The patients it names come from the response ({@link PatientRecord}s, also inside lists), else
 * from the resource in the path, else from a {@code patientId} query parameter.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Audited {

    AuditAction action();

    /** The kind of resource, e.g. {@code pump}; its id is the last id in the path, or the created one. */
    String resource();
}
