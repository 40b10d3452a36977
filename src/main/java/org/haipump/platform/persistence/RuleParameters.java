package org.haipump.platform.persistence;

import jakarta.persistence.Query;
import org.haipump.cycle.CyclePolicy;
import org.haipump.cycle.RefillSql;

/** Binds the policy's durations that a statement built from {@link RefillSql} fragments names. */
public final class RuleParameters {

    private RuleParameters() {
    }

    public static Query bind(Query query, String sql, CyclePolicy policy) {
        RefillSql.parameters(policy).forEach((name, value) -> {
            if (sql.contains(":" + name)) {
                query.setParameter(name, value);
            }
        });
        return query;
    }
}
