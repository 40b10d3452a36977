package org.haipump.audit;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class AuditEventRepository implements PanacheRepositoryBase<AuditEventEntity, Long> {
}
