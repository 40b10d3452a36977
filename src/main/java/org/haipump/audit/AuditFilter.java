package org.haipump.audit;

import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.haipump.platform.problem.Problem;
import org.haipump.platform.security.CurrentActor;
import org.haipump.platform.security.Roles;
import org.haipump.platform.web.Listing;
import org.haipump.platform.web.PathTemplate;
import org.haipump.platform.web.RequestId;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives every request an id ({@link RequestId}, also in the log's MDC) and appends one audit
 * record for every call of an {@link Audited} method once its status is known, refusals included.
 */
public class AuditFilter {

    private static final String REQUEST_ID = "requestId";
    private static final List<String> KNOWN_ROLES = List.of(Roles.ADMIN, Roles.NURSE, Roles.PARTNER, Roles.SCHEDULER);
    private static final Logger LOG = Logger.getLogger(AuditFilter.class);

    private final Map<Method, Optional<Operation>> operations = new ConcurrentHashMap<>();
    private final AuditTrail trail;
    private final CurrentIdentityAssociation identities;

    AuditFilter(AuditTrail trail, CurrentIdentityAssociation identities) {
        this.trail = trail;
        this.identities = identities;
    }

    private record Operation(Audited audited, String pathTemplate) {
    }

    @ServerRequestFilter(preMatching = true)
    public void assignRequestId(ContainerRequestContext request) {
        String id = RequestId.of(request.getHeaderString(RequestId.HEADER));
        request.setProperty(REQUEST_ID, id);
        MDC.put(REQUEST_ID, id);
    }

    @ServerResponseFilter
    public Uni<Void> record(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
        Object requestId = request.getProperty(REQUEST_ID);
        if (requestId != null) {
            response.getHeaders().putSingle(RequestId.HEADER, requestId);
        }
        Optional<Operation> operation = operationOf(resource);
        // 503: the database is unreachable, so nothing was read or changed and there is no trail to write to.
        if (operation.isEmpty() || response.getStatus() == 503) {
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity()
                .onFailure().recoverWithNull()
                .chain(identity -> {
                    AuditEntry entry = entryFor(operation.get(), identity, request, response, String.valueOf(requestId));
                    if (BlockingOperationControl.isBlockingAllowed()) {
                        append(entry, request, response);
                        return Uni.createFrom().voidItem();
                    }
                    return Uni.createFrom().item(() -> {
                        append(entry, request, response);
                        return (Void) null;
                    }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
                });
    }

    /** No access without its record: a read whose record cannot be written is not answered. */
    private void append(AuditEntry entry, ContainerRequestContext request, ContainerResponseContext response) {
        try {
            trail.record(entry);
        } catch (RuntimeException e) {
            LOG.errorf("Audit record not written for %s (request %s): %s", entry.operation(), entry.requestId(),
                    e.getClass().getName());
            if ("GET".equals(request.getMethod()) && response.getStatus() < 400) {
                response.setStatus(503);
                response.getHeaders().putSingle("Retry-After", "5");
                response.setEntity(new Problem(Problem.TYPE_BASE + "unavailable", "Service unavailable", 503,
                                "The audit trail is unavailable; try again shortly.",
                                request.getUriInfo().getRequestUri().getRawPath(), null, null),
                        null, jakarta.ws.rs.core.MediaType.valueOf(Problem.MEDIA_TYPE));
            }
        }
    }

    private AuditEntry entryFor(Operation operation, SecurityIdentity identity, ContainerRequestContext request,
                                ContainerResponseContext response, String requestId) {
        JsonWebToken token = identity != null && identity.getPrincipal() instanceof JsonWebToken jwt ? jwt : null;
        String path = request.getUriInfo().getRequestUri().getRawPath();
        Audited audited = operation.audited();
        return new AuditEntry(
                requestId,
                token == null ? null : CurrentActor.nameIn(token),
                identity == null ? List.of() : KNOWN_ROLES.stream().filter(identity.getRoles()::contains).toList(),
                token == null ? null : token.getClaim("partner_id"),
                audited.action(),
                request.getMethod() + " " + operation.pathTemplate(),
                audited.resource(),
                resourceId(audited.action(), path, response.getLocation()),
                patientsIn(response.getEntity()),
                PatientOwners.ownerIn(path).orElse(null),
                Ids.parse(request.getUriInfo().getQueryParameters().getFirst("patientId")).orElse(null),
                response.getStatus());
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

    private Optional<Operation> operationOf(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return Optional.empty();
        }
        return operations.computeIfAbsent(method, m -> Optional.ofNullable(m.getAnnotation(Audited.class))
                .map(audited -> new Operation(audited, PathTemplate.of(m))));
    }
}
