package io.islands.storage.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** Prepared statements of one connection, prepared once; used by one thread only (the SQLite writer). */
public final class StatementCache {
    private final Connection conn;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    StatementCache(Connection conn) {
        this.conn = conn;
    }

    /** @return the statement for {@code sql} with {@code args} bound in order ({@code setObject}) */
    public PreparedStatement bound(String sql, Object... args) throws SQLException {
        PreparedStatement ps = prepared.get(sql);
        if (ps == null) {
            ps = conn.prepareStatement(sql);
            prepared.put(sql, ps);
        }
        ps.clearParameters();
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    /** Runs {@code sql} (a statement without parameters or results, such as DDL) on the connection. */
    public void execute(String sql) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute(sql);
        }
    }

    /** Closes every statement; they are prepared again on next use. */
    void clear() {
        for (PreparedStatement ps : prepared.values()) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // already finalized
            }
        }
        prepared.clear();
    }
}
