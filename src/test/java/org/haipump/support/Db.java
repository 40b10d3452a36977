package org.haipump.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the test database directly, to prove that a refused request wrote nothing. Inject it into a
 * {@code @QuarkusTest}: {@code @Inject Db db;}.
 */
@ApplicationScoped
public class Db {

    /**
     * The tables the API writes whose rows no background work changes. The flag table is left out:
     * the overdue scan may raise a flag for any late pump at any moment. So is {@code audit_event},
     * which gains a row for every request, refused ones included.
     */
    public static final List<String> API_TABLES =
            List.of("patient", "pump", "fill", "appointment", "appointment_reschedule", "glycerol_hold",
                    "chemotherapy_hold", "idempotency_record", "partner", "patient_partner_assignment",
                    "webhook_endpoint", "webhook_secret");
    private static final Set<String> TABLES = Set.of("patient", "pump", "fill", "appointment",
            "appointment_reschedule", "glycerol_hold", "chemotherapy_hold", "idempotency_record", "flag", "partner",
            "patient_partner_assignment", "webhook_endpoint", "webhook_secret", "outbox_event", "webhook_delivery");
    private static final Pattern COLUMN = Pattern.compile("[a-z_]+");

    /** The rows of one pump a snapshot keeps whole: where they are and what they are called. */
    private record PumpRows(String table, String column, String label) {
    }

    private static final List<PumpRows> PUMP_ROWS = List.of(
            new PumpRows("pump", "id", "pump"),
            new PumpRows("flag", "pump_id", "flags of pump"),
            new PumpRows("appointment", "pump_id", "appointments of pump"),
            new PumpRows("glycerol_hold", "pump_id", "glycerol holds of pump"),
            new PumpRows("chemotherapy_hold", "pump_id", "chemotherapy holds of pump"));

    private final AgroalDataSource dataSource;

    Db(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every row of the table. */
    public long count(String table) {
        return queryLong("select count(*) from " + table(table), null);
    }

    /** The table's rows whose {@code column} holds the id, e.g. {@code count("fill", "pump_id", pumpId)}. */
    public long count(String table, String column, String id) {
        if (!COLUMN.matcher(column).matches()) {
            throw new IllegalArgumentException("Not a column name: " + column);
        }
        return queryLong("select count(*) from " + table(table) + " where " + column + " = ?", UUID.fromString(id));
    }

    /** The first column of each row a query answers, as text; parameters are bound in order. */
    public List<String> strings(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<String> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(rows.getString(1));
                }
                return result;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The table's rows whose {@code column} holds the id, each as column name to value, in id order. */
    public List<Map<String, Object>> rows(String table, String column, String id) {
        if (!COLUMN.matcher(column).matches()) {
            throw new IllegalArgumentException("Not a column name: " + column);
        }
        String sql = "select * from " + table(table) + " where " + column + " = ? order by id";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, UUID.fromString(id));
            try (ResultSet rows = statement.executeQuery()) {
                List<Map<String, Object>> result = new ArrayList<>();
                while (rows.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                        row.put(rows.getMetaData().getColumnName(i), rows.getObject(i));
                    }
                    result.add(row);
                }
                return result;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /**
     * The state a refused request must leave alone: the row count and a digest of every row of each
     * of {@link #API_TABLES} (so that an update shows, not only an insert or a delete), and for each
     * pump named its own row and the full rows of its flags, appointments and glycerol holds.
     */
    public Snapshot snapshot(String... pumpIds) {
        return new Snapshot(pumpIds, capture(pumpIds));
    }

    /** What {@link #snapshot} saw; {@link #assertNothingWritten()} compares it with the database now. */
    public final class Snapshot {

        private final String[] pumpIds;
        private final Map<String, Object> state;

        private Snapshot(String[] pumpIds, Map<String, Object> state) {
            this.pumpIds = pumpIds;
            this.state = state;
        }

        public void assertNothingWritten() {
            assertThat(capture(pumpIds)).as("database state after a refused request").isEqualTo(state);
        }
    }

    /** One statement, so that a snapshot costs one round trip however many pumps it watches. */
    private Map<String, Object> capture(String... pumpIds) {
        List<String> labels = new ArrayList<>();
        List<String> selects = new ArrayList<>();
        List<UUID> parameters = new ArrayList<>();
        for (String table : API_TABLES) {
            labels.add(table + " rows");
            selects.add("select count(*)::text from " + table(table));
            labels.add(table + " content");
            selects.add("select md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) from " + table(table)
                    + " t");
        }
        for (String pumpId : pumpIds) {
            UUID id = UUID.fromString(pumpId);
            for (PumpRows rows : PUMP_ROWS) {
                labels.add(rows.label() + " " + pumpId);
                // Whole rows as PostgreSQL prints them, so that any changed column shows.
                selects.add("select coalesce(string_agg(t::text, E'\\n' order by t.id), '') from " + table(rows.table())
                        + " t where t." + rows.column() + " = ?");
                parameters.add(id);
            }
        }
        String sql = "select " + selects.stream().map(select -> "(" + select + ")").collect(Collectors.joining(", "));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                Map<String, Object> state = new LinkedHashMap<>();
                for (int i = 0; i < labels.size(); i++) {
                    state.put(labels.get(i), row.getString(i + 1));
                }
                return state;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private long queryLong(String sql, Object parameter) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setObject(1, parameter);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static String table(String name) {
        if (!TABLES.contains(name)) {
            throw new IllegalArgumentException("Not a table of the service: " + name);
        }
        return name;
    }
}
