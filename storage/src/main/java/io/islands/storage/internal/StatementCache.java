package io.islands.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** Prepared statements of one connection, prepared once; used by one thread only (the SQLite writer). */
final class StatementCache {
    private final Connection conn;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    StatementCache(Connection conn) {
        this.conn = conn;
    }

    /** @return the statement for {@code sql} with {@code args} bound */
    PreparedStatement bound(String sql, Object... args) throws SQLException {
        PreparedStatement ps = prepared.get(sql);
        if (ps == null) {
            ps = conn.prepareStatement(sql);
            prepared.put(sql, ps);
        }
        ps.clearParameters();
        return Jdbc.bind(ps, args);
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
