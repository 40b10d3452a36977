package org.haipump.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.security.CurrentActor;
import org.haipump.platform.security.Roles;
import org.haipump.platform.web.Listing;
import org.haipump.platform.web.PathTemplate;
import org.haipump.platform.web.RequestId;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Turns a finished {@link Audited} call into its {@link AuditEntry}: who (the verified token),
 * what (the operation's method and path template), which resource and which patients, and how it
 * ended. {@link AuditedCall} records an answered call inside its transaction; {@link AuditFilter}
 * records a refused one in a transaction of its own.
 */
@ApplicationScoped
class AuditRecorder {

    private static final String RECORDED = AuditRecorder.class.getName() + ".recorded";
    private static final Logger LOG = Logger.getLogger(AuditRecorder.class);
    private static final List<String> KNOWN_ROLES = List.of(Roles.ADMIN, Roles.NURSE, Roles.PARTNER, Roles.SCHEDULER);

    /** What a resource method answered: its status, body and {@code Location}. */
    record Answer(int status, Object entity, URI location) {

        static Answer of(Object returned) {
            if (returned instanceof Response response) {
                return new Answer(response.getStatus(), response.getEntity(), response.getLocation());
            }
            if (returned instanceof RestResponse<?> response) {
                return new Answer(response.getStatus(), response.getEntity(), response.getLocation());
            }
            return returned == null ? new Answer(204, null, null) : new Answer(200, returned, null);
        }
    }

    /** @param declaresPatientId whether the method takes a {@code patientId} query parameter */
    private record Operation(Audited audited, String pathTemplate, boolean declaresPatientId) {
    }

    private final Map<Method, Optional<Operation>> operations = new ConcurrentHashMap<>();
    private final AuditTrail trail;
    private final CurrentIdentityAssociation identities;
    private final CurrentVertxRequest requests;
    private final EntityManager entityManager;

    AuditRecorder(AuditTrail trail, CurrentIdentityAssociation identities, CurrentVertxRequest requests,
                  EntityManager entityManager) {
        this.trail = trail;
        this.identities = identities;
        this.requests = requests;
        this.entityManager = entityManager;
    }

    /** Inside the call's transaction, after the resource method returned. */
    void recordAnswered(Method method, Object returned) {
        RoutingContext request = requests.getCurrent();
        Optional<Operation> operation = operationOf(method);
        if (operation.isEmpty() || request == null) {
            return;
        }
        AuditEntry entry = entry(operation.get(), identities.getIdentity(), request, Answer.of(returned));
        // A change's own pending writes first, so that their failures stay theirs (a 409, say). A
        // read has none, and may not have opened a session at all.
        AuditAction action = operation.get().audited().action();
        if (action == AuditAction.CREATE || action == AuditAction.UPDATE) {
            entityManager.flush();
        }
        try {
            trail.record(entry);
        } catch (RuntimeException e) {
            // No access without its record: the call's work rolls back and nothing is answered.
            LOG.errorf("Audit record not written for %s (request %s): %s", entry.operation(), entry.requestId(),
                    e.getClass().getName());
            throw ProblemException.unavailable("The audit trail is unavailable; try again shortly.");
        }
        request.put(RECORDED, Boolean.TRUE);
    }

    /** Whether calls of this resource method are recorded ({@link Audited}). */
    boolean audits(Method method) {
        return operationOf(method).isPresent();
    }

    /** Whether {@link #recordAnswered} already recorded this request. */
    boolean isRecorded(RoutingContext request) {
        return Boolean.TRUE.equals(request.get(RECORDED));
    }

    /** The entry of a call of an audited method ({@link #audits}) that did not return: nothing it did was committed. */
    AuditEntry refusal(Method method, SecurityIdentity identity, RoutingContext request, Answer answer) {
        return entry(operationOf(method).orElseThrow(), identity, request, answer);
    }

    /** In a transaction of its own: the refused call's work, if any, has rolled back. */
    void recordAlone(AuditEntry entry) {
        QuarkusTransaction.requiringNew().run(() -> trail.record(entry));
    }

    private AuditEntry entry(Operation operation, SecurityIdentity identity, RoutingContext request, Answer answer) {
        JsonWebToken token = identity != null && identity.getPrincipal() instanceof JsonWebToken jwt ? jwt : null;
        String path = request.request().path();
        Audited audited = operation.audited();
        return new AuditEntry(
                RequestId.of(request),
                RequestId.callerOf(request).orElse(null),
                request.request().remoteAddress() == null ? null : request.request().remoteAddress().hostAddress(),
                token == null ? null : token.getClaim("azp"),
                token == null ? null : token.getTokenID(),
                token == null ? null : CurrentActor.nameIn(token),
                identity == null ? List.of() : KNOWN_ROLES.stream().filter(identity.getRoles()::contains).toList(),
                token == null ? null : token.getClaim(CurrentActor.PARTNER_ID_CLAIM),
                audited.action(),
                request.request().method().name() + " " + operation.pathTemplate(),
                audited.resource(),
                resourceId(audited.action(), path, answer.location()),
                patientsIn(answer.entity()),
                PatientOwners.ownerIn(path).orElse(null),
                operation.declaresPatientId() ? Ids.parse(request.queryParams().get("patientId")).orElse(null) : null,
                answer.status());
    }

    /** The created resource's id, else the last id in the path; a search names none. */
    private static String resourceId(AuditAction action, String path, URI location) {
        String source = switch (action) {
            case CREATE -> location == null ? null : location.getRawPath();
            case READ, UPDATE -> path;
            case SEARCH -> null;
        };
        if (source == null) {
            return null;
        }
        String[] segments = source.split("/");
        for (int i = segments.length - 1; i >= 0; i--) {
            Optional<UUID> id = Ids.parse(segments[i]);
            if (id.isPresent()) {
                return id.get().toString();
            }
        }
        return null;
    }

    private static Set<UUID> patientsIn(Object entity) {
        Set<UUID> patients = new LinkedHashSet<>();
        if (entity instanceof PatientRecord record) {
            patients.add(record.patientId());
        } else if (entity instanceof Listing<?> listing) {
            for (Object item : listing.items()) {
                if (item instanceof PatientRecord record) {
                    patients.add(record.patientId());
                }
            }
        }
        return patients;
    }

    private Optional<Operation> operationOf(Method method) {
        if (method == null) {
            return Optional.empty();
        }
        return operations.computeIfAbsent(method, m -> Optional.ofNullable(m.getAnnotation(Audited.class))
                .map(audited -> new Operation(audited, PathTemplate.of(m), declaresPatientId(m))));
    }

    private static boolean declaresPatientId(Method method) {
        return Arrays.stream(method.getParameterAnnotations()).flatMap(Arrays::stream)
                .anyMatch(a -> a instanceof QueryParam query && query.value().equals("patientId"));
    }
}
