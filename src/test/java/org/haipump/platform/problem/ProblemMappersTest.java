package org.haipump.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.GenericJDBCException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Failures that only races and outages produce, mapped without a running service. */
class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void aLostOptimisticRaceIsAConflict() {
        Response response = mappers.unexpected(new RuntimeException(new OptimisticLockException("stale")), null);

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(problem(response).getType()).isEqualTo("/problems/concurrent-change");
    }

    @Test
    void aUniqueViolationOfAKnownConstraintIsTheProblemItsCheckWouldHaveGiven() {
        SQLException sql = new SQLException("duplicate key", "23505");
        Response response = mappers.unexpected(
                new ConstraintViolationException("duplicate key", sql, "patient_mrn_unique"), null);

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(problem(response).getType()).isEqualTo("/problems/duplicate-mrn");
        assertThat(problem(response).getErrors()).extracting(Problem.FieldError::field).containsExactly("mrn");
    }

    @Test
    void aDeadlockIsAConflictToRetry() {
        Response response = mappers.unexpected(new SQLException("deadlock detected", "40P01"), null);

        assertThat(response.getStatus()).isEqualTo(409);
    }

    @Test
    void anUnreachableDatabaseIsAServiceUnavailableWithRetryAfter() {
        Response response = mappers.unexpected(new RuntimeException(new SQLTransientConnectionException("no pool")), null);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"08006", "57P01", "57P02", "57P03", "53300", "57014", "55P03", "25P03"})
    void aDatabaseThatEndsOrRefusesSessionsOrTimesOutIsAServiceUnavailable(String sqlState) {
        Response response = mappers.unexpected(
                new RuntimeException(new SQLException("terminating connection due to administrator command", sqlState)),
                null);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(problem(response).getType()).isEqualTo("/problems/unavailable");
    }

    @Test
    void aCommitCutOffByTheDatabaseIsAServiceUnavailable() {
        // Narayana reports the driver's failure as a suppressed exception of its RollbackException.
        Exception commit = new Exception("Could not commit transaction.");
        commit.addSuppressed(new Exception("Error trying to transactionCommit local transaction",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")));

        Response response = mappers.unexpected(new RuntimeException(commit), null);

        assertThat(response.getStatus()).isEqualTo(503);
    }

    /** What the connection pool throws, wrapped as Hibernate wraps it, when no connection frees up in time. */
    @Test
    void aPoolWithNoFreeConnectionIsAServiceUnavailableWithRetryAfter() {
        Response response = mappers.unexpected(new GenericJDBCException("Unable to acquire JDBC Connection",
                new SQLException("Sorry, acquisition timeout!")), null);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(problem(response).getType()).isEqualTo("/problems/unavailable");
    }

    @Test
    void anythingElseIsAnInternalErrorThatQuotesNothing() {
        Response response = mappers.unexpected(
                new SQLException("Failing row contains (MRN-123, Ada, 1961-04-12)", "23502"), null);

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(problem(response).getDetail()).doesNotContain("MRN-123").doesNotContain("Ada");
    }

    @Test
    void jsonNestedBeyondJacksonsLimitIsAMalformedBody() {
        Response response = mappers.unreadable(new StreamConstraintsException("Document nesting depth exceeds 1000"),
                null);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(problem(response).getType()).isEqualTo("/problems/malformed-body");
    }

    private static Problem problem(Response response) {
        return (Problem) response.getEntity();
    }
}
