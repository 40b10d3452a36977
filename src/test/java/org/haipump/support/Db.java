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

/**
 * Reads the test database directly, to prove that a refused request wrote nothing. Inject it into a
 * {@code @QuarkusTest}: {@code @Inject Db db;}.
 */
@ApplicationScoped
public class Db {

    /**
     * The tables the API writes whose global row counts no background work changes. The flag table
     * is left out: the overdue scan may raise a flag for any late pump at any moment.
     */
    public static final List<String> API_TABLES =
            List.of("patient", "pump", "fill", "appointment", "glycerol_hold", "idempotency_record");
    private static final Set<String> TABLES = Set.of("patient", "pump", "fill", "appointment", "glycerol_hold",
            "idempotency_record", "flag");
    private static final Pattern COLUMN = Pattern.compile("[a-z_]+");

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
     * The state a refused request must leave alone: the row counts of {@link #API_TABLES}, and for
     * each pump named its own row and the full rows of its flags, appointments and glycerol holds.
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

    private Map<String, Object> capture(String... pumpIds) {
        Map<String, Object> state = new LinkedHashMap<>();
        for (String table : API_TABLES) {
            state.put(table + " rows", count(table));
        }
        for (String pumpId : pumpIds) {
            UUID id = UUID.fromString(pumpId);
            state.put("pump " + pumpId, rowsAsText("pump", "id", id));
            state.put("flags of pump " + pumpId, rowsAsText("flag", "pump_id", id));
            state.put("appointments of pump " + pumpId, rowsAsText("appointment", "pump_id", id));
            state.put("glycerol holds of pump " + pumpId, rowsAsText("glycerol_hold", "pump_id", id));
        }
        return state;
    }

    /** Whole rows as PostgreSQL prints them, so that any changed column shows. */
    private String rowsAsText(String table, String column, UUID id) {
        String sql = "select coalesce(string_agg(t::text, E'\\n' order by t.id), '') from " + table(table)
                + " t where t." + column + " = ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
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
