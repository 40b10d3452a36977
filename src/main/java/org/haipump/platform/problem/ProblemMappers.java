package org.haipump.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.haipump.platform.web.BodySizeLimit;
import org.haipump.platform.web.BodySizeReader.BodyTooLargeException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an {@code application/problem+json} response. Bodies never carry stack
 * traces, SQL or submitted values: only field names and rule messages.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String EXCLUSION_OR_CHECK_VIOLATION = "23514";
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK_DETECTED = "40P01";
    /** What a 503 asks the client to wait before trying again. */
    private static final String RETRY_AFTER_SECONDS = "5";
    /**
     * The database went away or refuses sessions for now: an administrator's or a crash's shutdown
     * ending the session (57P01, 57P02), a server still starting or stopping (57P03), all
     * connection slots taken (53300). Like class 08, worth a retry rather than a 500.
     */
    /**
     * Sessions ended or refused (57P0x, 53300), and the timeouts of application.properties: a statement
     * cancelled (57014), a lock not granted in time (55P03), a session idle in its transaction (25P03).
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300", "57014",
            "55P03", "25P03");
    private static final Problem CONCURRENT_CHANGE = new Problem(ProblemType.CONCURRENT_CHANGE,
            "Another request changed the same data at the same time; reload and try again.", null, null);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(err -> err.field() + " " + err.message())
                .collect(Collectors.joining("; "));
        return respond(new Problem(ProblemType.VALIDATION, detail, errors, null), uri);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException mapping ? pathOf(mapping) : null;
        String message = messageFor(e);
        List<Problem.FieldError> errors = field == null || field.isEmpty() ? null
                : List.of(new Problem.FieldError(field, message));
        String detail = field == null || field.isEmpty() ? "The request body is not valid JSON for this operation."
                : field + ": " + message;
        return respond(new Problem(ProblemType.MALFORMED_BODY, detail, errors, null), uri);
    }

    /**
     * Wrong JSON types and unknown enum values: without this mapper quarkus-rest-jackson's own
     * mapper for this narrower type wins and answers plain JSON.
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    /**
     * A request type Jackson cannot bind is a bug, not a bad request: without this mapper
     * quarkus-rest-jackson's own answers an empty 500.
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response unbindable(InvalidDefinitionException e, UriInfo uri) {
        return unexpected(e, uri);
    }

    /** A chunked body that grew beyond the limit while it was read; the rest of it is not read. */
    @ServerExceptionMapper
    public Response tooLarge(BodyTooLargeException e, UriInfo uri) {
        return Response.fromResponse(respond(BodySizeLimit.problem(e.limit(), null), uri))
                .header("Connection", "close").build();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem(ProblemType.FORBIDDEN, "Your role does not allow this operation.", null, null),
                uri);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        if (e.getResponse().getEntity() instanceof Problem problem) {
            return respond(problem, uri);
        }
        int status = e.getResponse().getStatus();
        JsonProcessingException unreadableJson = causeOf(e, JsonProcessingException.class);
        if (status == 400 && unreadableJson != null) {
            // The JSON reader wraps syntax errors in a plain 400: answer them like every other bad body.
            return unreadable(unreadableJson, uri);
        }
        if (status >= 500) {
            return unexpected(e, uri);
        }
        // A status JAX-RS raises that the catalogue does not name is a request it could not classify.
        ProblemType type = ProblemType.ofHttpStatus(status).orElse(ProblemType.HTTP_400);
        String detail = switch (type) {
            case HTTP_404 -> "No resource at this path.";
            case HTTP_405 -> "This path does not accept that method.";
            case HTTP_406 -> "This resource answers only application/json.";
            case HTTP_415 -> "Send the body as application/json.";
            case HTTP_413 -> "The request body is too large.";
            default -> type.title() + ".";
        };
        Response response = respond(new Problem(type, detail, null, null), uri);
        if (status == 405 && e.getResponse().getHeaderString("Allow") != null) {
            return Response.fromResponse(response).header("Allow", e.getResponse().getHeaderString("Allow")).build();
        }
        return response;
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        SQLException sql = causeOf(e, SQLException.class);
        String state = sql == null ? null : sql.getSQLState();
        if (causeOf(e, jakarta.persistence.OptimisticLockException.class) != null
                || causeOf(e, org.hibernate.StaleStateException.class) != null
                || SERIALIZATION_FAILURE.equals(state) || DEADLOCK_DETECTED.equals(state)) {
            return respond(CONCURRENT_CHANGE, uri);
        }
        if (UNIQUE_VIOLATION.equals(state) || EXCLUSION_OR_CHECK_VIOLATION.equals(state)) {
            // A race another request won between our check and our write.
            org.hibernate.exception.ConstraintViolationException violation =
                    causeOf(e, org.hibernate.exception.ConstraintViolationException.class);
            Problem problem = ConstraintProblems.forConstraint(violation == null ? null : violation.getConstraintName())
                    .orElse(CONCURRENT_CHANGE);
            return respond(problem, uri);
        }
        if (causeOf(e, SQLTransientConnectionException.class) != null
                || (state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state)))
                || noFreeConnection(sql)) {
            LOG.warnf("Database unavailable: %s%s", e.getClass().getName(),
                    noFreeConnection(sql) ? " (no free connection in the pool)" : "");
            return respond(ProblemException.unavailable("The database is unavailable; try again shortly.").problem(), uri);
        }
        if (sql != null) {
            // Database messages can quote row values (patient data): log the state, never the message.
            LOG.errorf("Unexpected database failure: %s, SQLState %s", e.getClass().getName(), state);
        } else {
            LOG.error("Unexpected failure", e);
        }
        return respond(new Problem(ProblemType.INTERNAL, "The request failed unexpectedly; it has been logged.",
                null, null), uri);
    }

    /**
     * The connection pool (Agroal) gave up waiting for a free connection: every connection is busy,
     * say with requests queued on one pump's lock. It says so only in its message, without a
     * SQLState; the database is fine, so this is a moment to retry, not a bug.
     */
    private static boolean noFreeConnection(SQLException sql) {
        return sql != null && sql.getSQLState() == null && sql.getMessage() != null
                && sql.getMessage().toLowerCase(Locale.ROOT).contains("acquisition timeout");
    }

    private Response unauthenticated(UriInfo uri) {
        return Response.fromResponse(respond(new Problem(ProblemType.UNAUTHORIZED,
                        "A valid bearer token is required.", null, null), uri))
                .header("WWW-Authenticate", "Bearer").build();
    }

    static Response respond(Problem problem, UriInfo uri) {
        // Status and type only: the detail may repeat what the client sent.
        LOG.debugf("Answered %d %s", problem.getStatus(), problem.getType());
        Problem located = uri == null ? problem : problem.withInstance(uri.getRequestUri().getRawPath());
        Response.ResponseBuilder response = Response.status(problem.getStatus()).type(Problem.MEDIA_TYPE).entity(located);
        if (problem.getStatus() == 503) {
            response.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return response.build();
    }

    /** The violated field as the client named it: {@code create.request.volumeMl} becomes {@code volumeMl}. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        boolean parameterSeen = false;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameterSeen = true;
                names.add(node.getName());
                continue;
            }
            if (parameterSeen && names.size() == 1 && node.getKind() == ElementKind.PROPERTY) {
                names.clear(); // the body parameter's own name says nothing to the client
            }
            String name = node.getName();
            if (node.getIndex() != null) {
                name = name + "[" + node.getIndex() + "]";
            }
            names.add(name);
        }
        return names.isEmpty() ? "body" : String.join(".", names);
    }

    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String messageFor(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException) {
            return "is not a field of this request";
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null) {
            Class<?> target = format.getTargetType();
            if (target == String.class) {
                return "must not hold a NUL character or half of a surrogate pair";
            }
            if (target.isEnum()) {
                return "must be one of " + Arrays.toString(target.getEnumConstants());
            }
            return "must be a valid " + simpleTypeName(target);
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return "has the wrong type or format";
        }
        return "is not valid JSON";
    }

    private static String simpleTypeName(Class<?> type) {
        return switch (type.getSimpleName()) {
            case "Instant" -> "ISO-8601 UTC instant such as 2026-11-26T10:00:00Z, in the years 0001 to 9999";
            case "LocalDate" -> "date such as 2026-11-26, in the years 0001 to 9999";
            case "UUID" -> "UUID";
            case "ZoneId" -> "IANA time zone such as America/New_York";
            default -> type.getSimpleName();
        };
    }

    /**
     * The first {@code type} among the causes of {@code e}, else among their suppressed exceptions:
     * a commit that failed carries the driver's exception as suppressed, not as cause.
     */
    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        return causeOf(e, type, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type, Set<Throwable> seen) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            chain.add(t);
        }
        for (Throwable t : chain) {
            for (Throwable suppressed : t.getSuppressed()) {
                T found = causeOf(suppressed, type, seen);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
