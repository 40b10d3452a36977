package org.haipump.audit;

import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Records the {@link Audited} calls that {@link AuditedCall} did not: those refused before or
 * while the resource method ran (no token, a role that may not, invalid input, a rule), once their
 * status is known. Nothing of theirs was committed, so the record has a transaction of its own.
 */
public class AuditFilter {

    private static final Logger LOG = Logger.getLogger(AuditFilter.class);

    private final AuditRecorder recorder;
    private final CurrentIdentityAssociation identities;
    private final CurrentVertxRequest requests;

    AuditFilter(AuditRecorder recorder, CurrentIdentityAssociation identities, CurrentVertxRequest requests) {
        this.recorder = recorder;
        this.identities = identities;
        this.requests = requests;
    }

    @ServerResponseFilter
    public Uni<Void> recordRefusal(ContainerResponseContext response, ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        // 503: the database or the trail is unreachable, so nothing was read or changed and there is no trail to write to.
        if (!recorder.audits(method) || response.getStatus() == 503) {
            return Uni.createFrom().voidItem();
        }
        RoutingContext request = requests.getCurrent();
        if (request == null || recorder.isRecorded(request)) {
            return Uni.createFrom().voidItem();
        }
        AuditRecorder.Answer answer = new AuditRecorder.Answer(response.getStatus(), response.getEntity(),
                response.getLocation());
        return identities.getDeferredIdentity()
                .onFailure().recoverWithNull()
                .chain(identity -> {
                    AuditEntry entry = recorder.refusal(method, identity, request, answer);
                    if (BlockingOperationControl.isBlockingAllowed()) {
                        append(entry);
                        return Uni.createFrom().voidItem();
                    }
                    return Uni.createFrom().item(() -> {
                        append(entry);
                        return (Void) null;
                    }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
                });
    }

    /** The refusal is answered as it is: its record missing is logged, and it gave nothing away. */
    private void append(AuditEntry entry) {
        try {
            recorder.recordAlone(entry);
        } catch (RuntimeException e) {
            LOG.errorf("Audit record not written for %s (request %s): %s", entry.operation(), entry.requestId(),
                    e.getClass().getName());
        }
    }
}
