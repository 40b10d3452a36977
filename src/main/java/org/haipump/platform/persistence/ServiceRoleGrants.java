package org.haipump.platform.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.jboss.logging.Logger;

/**
 * Least privilege for the service's own database role. When Flyway migrates as a schema owner of
 * its own ({@code quarkus.flyway.username}) and the service connects as another role
 * ({@code quarkus.datasource.username}), then after every migration that role is given exactly what
 * the service needs, and nothing else it may have been given survives:
 * <ul>
 * <li>SELECT, INSERT, UPDATE and DELETE on every table of the schema;</li>
 * <li>on {@code audit_event} only SELECT and INSERT: the trail is append-only for the service, whose
 * role cannot update, delete, truncate or alter it, nor drop the triggers that guard it;</li>
 * <li>on {@code flyway_schema_history} only SELECT;</li>
 * <li>USAGE on the schema and its sequences, and no CREATE: no DDL.</li>
 * </ul>
 * With one account for both (the dev and test default) nothing is granted: that account owns the
 * schema. The roles themselves are the operator's (docs/operations.md § Database roles).
 * Registered by {@code quarkus.flyway.callbacks}; proven by {@code packaged/LeastPrivilegeDatabaseIT}.
 */
public class ServiceRoleGrants implements Callback {

    private static final Logger LOG = Logger.getLogger(ServiceRoleGrants.class);

    /** The grants, in order; {@code %1$s} is the schema and {@code %2$s} the service's role, both quoted. */
    static final List<String> STATEMENTS = List.of(
            "revoke all on all tables in schema %1$s from %2$s",
            "revoke all on all sequences in schema %1$s from %2$s",
            "revoke create on schema %1$s from %2$s",
            "grant usage on schema %1$s to %2$s",
            "grant select, insert, update, delete on all tables in schema %1$s to %2$s",
            "revoke update, delete on %1$s.audit_event from %2$s",
            "revoke insert, update, delete on %1$s.flyway_schema_history from %2$s",
            "grant usage on all sequences in schema %1$s to %2$s");

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        Optional<String> serviceRole = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.datasource.username", String.class);
        Connection connection = context.getConnection();
        try {
            String owner = single(connection, "select current_user");
            if (serviceRole.isEmpty() || serviceRole.get().equals(owner)) {
                return;
            }
            if (single(connection, "select count(*) from pg_roles where rolname = ?", serviceRole.get()).equals("0")) {
                throw new FlywayException("The service's database role " + serviceRole.get()
                        + " (quarkus.datasource.username) does not exist: create it (LOGIN, no other rights) "
                        + "before the first start; docs/operations.md § Database roles");
            }
            String schema = quoted(single(connection, "select current_schema()"));
            try (Statement statement = connection.createStatement()) {
                for (String grant : STATEMENTS) {
                    statement.execute(grant.formatted(schema, quoted(serviceRole.get())));
                }
            }
            LOG.infof("The service's database role %s holds only the service's grants; the schema owner is %s",
                    serviceRole.get(), owner);
        } catch (SQLException e) {
            throw new FlywayException("Cannot grant the service's database role its privileges: " + e.getMessage(), e);
        }
    }

    @Override
    public String getCallbackName() {
        return "service-role-grants";
    }

    private static String single(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    /** An SQL identifier, quoted: the role's name exactly as the operator spelt it. */
    static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
