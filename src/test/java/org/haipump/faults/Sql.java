package org.haipump.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Direct reads of a service's database, to check what the API cannot show (half-written state). */
public final class Sql {

    private final PostgresCluster cluster;
    private final String database;

    public Sql(PostgresCluster cluster, String database) {
        this.cluster = cluster;
        this.database = database;
    }

    public long count(String sql, Object... parameters) {
        List<String> values = strings(sql, parameters);
        return Long.parseLong(values.get(0));
    }

    /** The first column of every row, as text. */
    public List<String> strings(String sql, Object... parameters) {
        try (Connection connection = cluster.connect(database);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object parameter = parameters[i];
                if (parameter instanceof String[] array) {
                    statement.setArray(i + 1, connection.createArrayOf("text", array));
                } else {
                    statement.setObject(i + 1, parameter);
                }
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
