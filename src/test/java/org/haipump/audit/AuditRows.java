package org.haipump.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Reads the audit trail straight from the database, as an auditor with SQL access would. */
@ApplicationScoped
public class AuditRows {

    public record Row(String requestId, String actor, String roles, String partnerId, String action, String operation,
                      String resourceType, String resourceId, List<UUID> patientIds, String outcome, int status,
                      String callerRequestId, String clientAddress, String tokenClient, String tokenId) {
    }

    private final AgroalDataSource dataSource;

    AuditRows(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The records of a request, by the id the service gave it or by the {@code X-Request-Id} its caller sent. */
    public List<Row> byRequestId(String requestId) {
        String sql = "select * from audit_event where ? in (request_id, caller_request_id) order by id";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, requestId);
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Array patients = result.getArray("patient_ids");
                    rows.add(new Row(result.getString("request_id"), result.getString("actor"),
                            result.getString("roles"), result.getString("partner_id"), result.getString("action"),
                            result.getString("operation"), result.getString("resource_type"),
                            result.getString("resource_id"), Arrays.asList((UUID[]) patients.getArray()),
                            result.getString("outcome"), result.getInt("status"),
                            result.getString("caller_request_id"), result.getString("client_address"),
                            result.getString("token_client"), result.getString("token_id")));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Runs a statement as the service's own database user would; returns the SQLState it failed with, or null. */
    public String tryExecute(String sql) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
            return null;
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }

    public long count() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("select count(*) from audit_event");
             ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
