package org.haipump.audit;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Every call of this resource method, allowed or refused, appends one record to the audit trail.
 * An answered call and its record commit in one transaction ({@link AuditedCall}); a refused one is
 * recorded on its own once its status is known ({@link AuditFilter}). The patients a record names
 * come from the answer ({@link PatientRecord}s, also inside lists), else from the resource in the
 * path, else from a {@code patientId} query parameter.
 */
@InterceptorBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Audited {

    @Nonbinding
    AuditAction action();

    /** The kind of resource, e.g. {@code pump}; its id is the last id in the path, or the created one. */
    @Nonbinding
    String resource();
}
