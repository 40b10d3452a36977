package org.haipump.audit;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;

/**
 * Runs an {@link Audited} call and appends its record in the same transaction: a change commits
 * with its record or not at all, and a read is answered only once its record is durable. The
 * services' own {@code @Transactional} methods join this transaction. A call that throws rolls
 * back, its exception unchanged for the mappers, and {@link AuditFilter} records the refusal once
 * its status is known.
 */
@Audited(action = AuditAction.READ, resource = "")
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
class AuditedCall {

    private final AuditRecorder recorder;
    private final TransactionManager transactions;

    AuditedCall(AuditRecorder recorder, TransactionManager transactions) {
        this.recorder = recorder;
        this.transactions = transactions;
    }

    @AroundInvoke
    Object withItsRecord(InvocationContext call) throws Exception {
        boolean ours = transactions.getStatus() == Status.STATUS_NO_TRANSACTION;
        if (ours) {
            transactions.begin();
        }
        try {
            Object answer = call.proceed();
            recorder.recordAnswered(call.getMethod(), answer);
            if (ours) {
                transactions.commit();
            }
            return answer;
        } catch (Exception | Error e) {
            if (ours && transactions.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transactions.rollback();
            }
            throw e;
        }
    }
}
