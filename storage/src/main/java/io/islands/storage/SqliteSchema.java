package io.islands.storage;

import java.util.List;

/** The tables of a SQLite store, its migrations and the statements run against them. */
final class SqliteSchema {
    private SqliteSchema() {}

    static final String VERSION_TABLE = "schema_version";
    static final String CREATE_VERSION_TABLE = "CREATE TABLE IF NOT EXISTS schema_version ("
            + "version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
            + "applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)";

    /** In order; append new steps, never edit an applied one. */
    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "states with history, quarantine", List.of(
                    "CREATE TABLE states (key TEXT NOT NULL, revision INTEGER NOT NULL CHECK (revision >= 1), "
                            + "json TEXT NOT NULL, saved_at INTEGER NOT NULL, PRIMARY KEY (key, revision))",
                    "CREATE TABLE quarantine (key TEXT PRIMARY KEY, reason TEXT NOT NULL, at INTEGER NOT NULL, "
                            + "versions_json TEXT NOT NULL)")));

    static final String NEWEST = "SELECT max(revision) FROM states WHERE key = ?";
    static final String INSERT = "INSERT INTO states (key, revision, json, saved_at) VALUES (?, ?, ?, ?)";
    static final String TRIM = "DELETE FROM states WHERE key = ? AND revision <= ?";
    static final String VERSIONS =
            "SELECT revision, json, saved_at FROM states WHERE key = ? ORDER BY revision DESC LIMIT ?";
    /**
     * @return the newest versions of {@code keys} keys (parameters: the keys, then the most
     *     versions per key); rows (key, revision, json, saved_at), newest first per key
     */
    static String versionsOf(int keys) {
        return "SELECT key, revision, json, saved_at FROM (SELECT key, revision, json, saved_at, "
                + "row_number() OVER (PARTITION BY key ORDER BY revision DESC) AS n FROM states WHERE key IN ("
                + "?,".repeat(keys - 1) + "?)) WHERE n <= ? ORDER BY key, revision DESC";
    }

    static final String AFTER =
            "SELECT revision, json, saved_at FROM states WHERE key = ? AND revision > ? ORDER BY revision DESC";
    static final String DELETE_AFTER = "DELETE FROM states WHERE key = ? AND revision > ?";
    static final String DELETE_KEY = "DELETE FROM states WHERE key = ?";
    static final String ALL_VERSIONS = "SELECT revision, json, saved_at FROM states WHERE key = ? ORDER BY revision DESC";
    static final String KEYS = "SELECT DISTINCT key FROM states ORDER BY key";
    static final String SUMMARIES =
            "SELECT key, max(revision), count(*), max(saved_at) FROM states GROUP BY key ORDER BY key";
    static final String QUARANTINE_PUT = "INSERT INTO quarantine (key, reason, at, versions_json) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT (key) DO UPDATE SET reason = excluded.reason, at = excluded.at, "
            + "versions_json = excluded.versions_json";
    static final String QUARANTINE_GET = "SELECT reason, at, versions_json FROM quarantine WHERE key = ?";
    static final String QUARANTINE_KEYS = "SELECT key FROM quarantine ORDER BY key";
    static final String QUARANTINE_DELETE = "DELETE FROM quarantine WHERE key = ?";
}
