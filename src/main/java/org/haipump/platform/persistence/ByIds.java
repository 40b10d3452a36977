package org.haipump.platform.persistence;

import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Entities selected by a list of ids in native SQL, the list bound as {@code :ids}: Hibernate would
 * translate an HQL {@code in} list to SQL anew on every call, which showed on the hot paths.
 */
public final class ByIds {

    private ByIds() {
    }

    @SuppressWarnings("unchecked")
    public static <T> List<T> select(EntityManager entityManager, Class<T> type, String sql, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return entityManager.createNativeQuery(sql, type).setParameter("ids", ids).getResultList();
    }
}
