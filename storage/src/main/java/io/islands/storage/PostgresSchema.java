package io.islands.storage;

import java.util.List;

/** The tables of a PostgreSQL store (prefixed {@code islands_}), its migrations and statements. */
final class PostgresSchema {
    private PostgresSchema() {}

    /** Held (transaction-scoped) while migrations run, so concurrent opens apply each step once. */
    static final long MIGRATION_LOCK = 0x49534c414e4453L; // "ISLANDS"

    static final String VERSION_TABLE = "islands_schema_version";
    static final String CREATE_VERSION_TABLE = "CREATE TABLE IF NOT EXISTS islands_schema_version ("
            + "version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())";

    /** In order; append new steps, never edit an applied one. */
    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "states with history, quarantine", List.of(
                    "CREATE TABLE islands_states (key text NOT NULL, revision bigint NOT NULL CHECK (revision >= 1), "
                            + "state jsonb NOT NULL, saved_at timestamptz NOT NULL DEFAULT now(), "
                            + "PRIMARY KEY (key, revision))",
                    "CREATE TABLE islands_quarantine (key text PRIMARY KEY, reason text NOT NULL, "
                            + "at timestamptz NOT NULL DEFAULT now(), versions jsonb NOT NULL)")),
            // json keeps the text as written (checked to be JSON) and is queried as jsonb is
            // (state->'player1'->>'name'); jsonb parsed, stored and compressed each state: three
            // times the server's work per save, and the text is what the codec reads anyway.
            new Migration(2, "states as json text", List.of(
                    "ALTER TABLE islands_states ALTER COLUMN state TYPE json USING state::json")),
            // Room for the cluster's fencing: the ownership number of the node that saved each
            // version, checked in the save statement with the revision (PostgresBatches.SAVE_ROWS).
            // Every node saves with 0 until the cluster hands out numbers.
            new Migration(3, "fence number per saved version", List.of(
                    "ALTER TABLE islands_states ADD COLUMN fence bigint NOT NULL DEFAULT 0")),
            // The cluster (PostgresCluster): a row per node start (its epoch), and a row per game
            // ever claimed, holding its owner and its fence, which only grows. A fenced save locks
            // the game's owner row (FOR SHARE) and compares fences in its own statement; a claim
            // locks it FOR UPDATE: the two serialize on that row. Empty unless --cluster is used.
            new Migration(4, "cluster: nodes with leases, game owners with fences", List.of(
                    "CREATE SEQUENCE islands_node_epochs",
                    "CREATE TABLE islands_nodes (epoch bigint PRIMARY KEY, node text NOT NULL, address text NOT NULL, "
                            + "started_at timestamptz NOT NULL DEFAULT clock_timestamp(), "
                            + "renewed_at timestamptz NOT NULL DEFAULT clock_timestamp(), "
                            + "lease_until timestamptz NOT NULL, left_at timestamptz)",
                    "CREATE INDEX islands_nodes_node ON islands_nodes (node)",
                    "CREATE TABLE islands_owners (game text PRIMARY KEY, node text, epoch bigint, "
                            + "fence bigint NOT NULL DEFAULT 0, claimed_at timestamptz)",
                    "CREATE INDEX islands_owners_epoch ON islands_owners (epoch)")));

    static final String DISCARD_AFTER = "DELETE FROM islands_states WHERE key = ? AND revision > ? "
            + "RETURNING revision, state::text, saved_at";
    static final String DELETE_KEY = "DELETE FROM islands_states WHERE key = ?";
    /**
     * A fenced delete: only while the game's owner row holds fence ? (locked FOR SHARE, as a
     * fenced save does). Parameters: key, key, fence. Row: (current fence or null, rows deleted).
     */
    static final String DELETE_KEY_FENCED = "WITH o AS (SELECT fence FROM islands_owners WHERE game = ? FOR SHARE), "
            + "d AS (DELETE FROM islands_states WHERE key = ? AND (SELECT fence FROM o) = ? RETURNING 1) "
            + "SELECT (SELECT fence FROM o), (SELECT count(*) FROM d)";
    static final String KEYS = "SELECT DISTINCT key FROM islands_states ORDER BY key";
    static final String SUMMARIES = "SELECT key, max(revision), count(*), max(saved_at) FROM islands_states "
            + "GROUP BY key ORDER BY key";
    /** The versions move into the record in the same statement: a save racing with it is either moved or refused. */
    static final String QUARANTINE = "WITH gone AS (DELETE FROM islands_states WHERE key = ? "
            + "RETURNING revision, state, saved_at) "
            + "INSERT INTO islands_quarantine (key, reason, versions) SELECT ?, ?, coalesce(jsonb_agg(jsonb_build_object("
            + "'revision', revision, 'saved_at', (extract(epoch FROM saved_at) * 1000)::bigint, 'json', state::text) "
            + "ORDER BY revision DESC), '[]'::jsonb) FROM gone "
            + "ON CONFLICT (key) DO UPDATE SET reason = EXCLUDED.reason, at = EXCLUDED.at, versions = EXCLUDED.versions";
    static final String QUARANTINE_GET = "SELECT reason, at, versions::text FROM islands_quarantine WHERE key = ?";
    static final String QUARANTINE_TAKE = "DELETE FROM islands_quarantine WHERE key = ? RETURNING reason, at, versions::text";
    static final String QUARANTINE_KEYS = "SELECT key FROM islands_quarantine ORDER BY key";
    static final String INSERT_VERSION = "INSERT INTO islands_states (key, revision, state, saved_at) "
            + "VALUES (?, ?, CAST(? AS json), ?)";
}
