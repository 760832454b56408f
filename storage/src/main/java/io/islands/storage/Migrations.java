package io.islands.storage;

import io.islands.runtime.checkpoint.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings a store's schema up to date when it is opened. The caller opens the transaction and
 * holds the store's migration lock (SQLite: {@code BEGIN IMMEDIATE}; PostgreSQL: an advisory
 * lock), so two processes opening the same store apply each step once.
 */
final class Migrations {
    private Migrations() {}

    /**
     * @param versionTable name of the table recording applied steps (version, description, applied_at)
     * @param createVersionTable DDL creating it if it does not exist
     * @return the schema version after the call
     * @throws StoreException if the store was written by a newer schema than {@code migrations} knows
     */
    static int apply(Connection c, String store, String versionTable, String createVersionTable,
            List<Migration> migrations) throws SQLException {
        int latest = migrations.get(migrations.size() - 1).version();
        try (Statement s = c.createStatement()) {
            s.execute(createVersionTable);
            int current;
            try (ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM " + versionTable)) {
                rs.next();
                current = rs.getInt(1);
            }
            if (current > latest) {
                throw new StoreException(store + " has schema version " + current
                        + ", newer than this build of Islands understands (" + latest + "): use a newer Islands");
            }
            for (Migration m : migrations) {
                if (m.version() <= current) {
                    continue;
                }
                for (String sql : m.statements()) {
                    s.execute(sql);
                }
                try (PreparedStatement ins = c.prepareStatement(
                        "INSERT INTO " + versionTable + " (version, description) VALUES (?, ?)")) {
                    ins.setInt(1, m.version());
                    ins.setString(2, m.description());
                    ins.executeUpdate();
                }
            }
        }
        return latest;
    }
}
