package io.islands.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Small JDBC helpers shared by the SQLite and PostgreSQL stores. */
final class Jdbc {
    private Jdbc() {}

    /** Binds {@code args} in order (String, Long, Integer, Instant as epoch ms or timestamp). */
    static PreparedStatement bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    /** Runs a query whose rows are (revision, json, saved_at). */
    static List<RawVersion> versions(PreparedStatement ps) throws SQLException {
        List<RawVersion> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new RawVersion(rs.getLong(1), rs.getString(2), instant(rs, 3)));
            }
        }
        return out;
    }

    static List<RawVersion> versions(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = bind(c.prepareStatement(sql), args)) {
            return versions(ps);
        }
    }

    /** Runs a query whose rows are one string each. */
    static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Runs a query whose rows are (key, newest revision, count, newest saved_at). */
    static List<KeySummary> summaries(Connection c, String sql, int depth) throws SQLException {
        List<KeySummary> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new KeySummary(rs.getString(1), rs.getLong(2), Math.min(rs.getInt(3), depth), instant(rs, 4)));
            }
        }
        return out;
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = bind(c.prepareStatement(sql), args)) {
            return ps.executeUpdate();
        }
    }

    /** A time column: epoch milliseconds (SQLite) or a timestamp (PostgreSQL). */
    static Instant instant(ResultSet rs, int column) throws SQLException {
        Object v = rs.getObject(column);
        return switch (v) {
            case null -> null;
            case Number n -> Instant.ofEpochMilli(n.longValue());
            case Timestamp t -> t.toInstant();
            default -> rs.getTimestamp(column).toInstant();
        };
    }
}
