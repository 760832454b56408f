package io.islands.storage;

import io.islands.runtime.checkpoint.StaleRevisionException;
import io.islands.storage.internal.SqliteFile;
import io.islands.storage.internal.SqliteOptions;
import io.islands.storage.internal.SqliteReaders;
import io.islands.storage.internal.SqliteWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A state store in one SQLite file ({@link SqliteFile}, opened as the disk tables open theirs):
 * WAL journal, one writer thread with group commit ({@link SqliteWriter}), readers on their own
 * connections ({@link SqliteReaders}).
 *
 * <p>Durable mode runs {@code synchronous=FULL}: a commit returns after the WAL is fsynced, so
 * every acknowledged save survives a process crash, an OS crash and a power loss. Relaxed mode
 * runs {@code synchronous=NORMAL} and fsyncs the WAL every {@link SqliteOptions#syncInterval()}:
 * a process crash loses nothing acknowledged, a power loss or OS crash at most that interval.
 * Reopening after any crash needs no repair step: SQLite replays or ignores the WAL tail by
 * itself, in the first open.
 *
 * <p>Every write (save, discardAfter, delete, quarantine, release) runs in the writer's
 * transaction, each as a unit: it is in the store entirely or not at all.
 */
final class SqliteStore implements RawStore {
    private final SqliteOptions options;
    private final int depth;
    private final String name;
    private final SqliteWriter writer;
    private final SqliteReaders readers;
    private final AtomicLong saves = new AtomicLong();

    SqliteStore(SqliteOptions options, int historyDepth) {
        this.options = options;
        this.depth = historyDepth;
        this.name = "sqlite:" + options.file();
        SqliteFile file = SqliteFile.open(name, options, failure -> failure, this::migrate);
        this.writer = file.writer();
        this.readers = file.readers();
    }

    private void migrate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                Migrations.apply(c, name, SqliteSchema.VERSION_TABLE, SqliteSchema.CREATE_VERSION_TABLE,
                        SqliteSchema.MIGRATIONS);
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                try {
                    s.execute("ROLLBACK");
                } catch (SQLException ignored) {
                    // already rolled back
                }
                throw e;
            }
        }
    }

    @Override
    public List<RawVersion> versions(String key, int limit) {
        return readers.read("read " + key, c -> Jdbc.versions(c, SqliteSchema.VERSIONS, key, limit));
    }

    /** The most keys one statement of {@link #versions(List, int)} asks for. */
    static final int MAX_KEYS_PER_READ = 500;

    /** One statement per {@link #MAX_KEYS_PER_READ} keys, on one reader connection. */
    @Override
    public Map<String, List<RawVersion>> versions(List<String> keys, int limit) {
        Map<String, List<RawVersion>> found = new HashMap<>();
        for (int from = 0; from < keys.size(); from += MAX_KEYS_PER_READ) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + MAX_KEYS_PER_READ));
            readers.read("read " + chunk.size() + " keys", c -> {
                Object[] args = new Object[chunk.size() + 1];
                chunk.toArray(args);
                args[chunk.size()] = limit;
                try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(SqliteSchema.versionsOf(chunk.size())), args);
                        ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(new RawVersion(rs.getLong(2), rs.getString(3), Jdbc.instant(rs, 4)));
                    }
                }
                return null;
            });
        }
        Map<String, List<RawVersion>> out = new LinkedHashMap<>();
        for (String key : keys) {
            List<RawVersion> v = found.get(key);
            if (v != null) {
                out.put(key, List.copyOf(v));
            }
        }
        return out;
    }

    @Override
    public void save(String key, long revision, String json) {
        writer.submit("save " + key + " revision " + revision, writes -> {
            long newest;
            try (ResultSet rs = writes.bound(SqliteSchema.NEWEST, key).executeQuery()) {
                newest = rs.next() ? rs.getLong(1) : 0;
            }
            if (revision != newest + 1) {
                throw new StaleRevisionException(key, newest, revision);
            }
            writes.bound(SqliteSchema.INSERT, key, revision, json, System.currentTimeMillis()).executeUpdate();
            if (revision > depth) {
                writes.bound(SqliteSchema.TRIM, key, revision - depth).executeUpdate();
            }
            return null;
        });
        saves.incrementAndGet();
    }

    @Override
    public List<RawVersion> discardAfter(String key, long revision) {
        return writer.submit("discard versions of " + key + " after " + revision, writes -> {
            List<RawVersion> gone = Jdbc.versions(writes.bound(SqliteSchema.AFTER, key, revision));
            writes.bound(SqliteSchema.DELETE_AFTER, key, revision).executeUpdate();
            return gone;
        });
    }

    @Override
    public boolean delete(String key) {
        return writer.submit("delete " + key, writes -> writes.bound(SqliteSchema.DELETE_KEY, key).executeUpdate() > 0);
    }

    @Override
    public List<String> keys() {
        return readers.read("list keys", c -> Jdbc.strings(c, SqliteSchema.KEYS));
    }

    @Override
    public List<KeySummary> summaries() {
        return readers.read("list keys", c -> Jdbc.summaries(c, SqliteSchema.SUMMARIES, depth));
    }

    @Override
    public void quarantine(String key, String reason) {
        writer.submit("quarantine " + key, writes -> {
            List<RawVersion> versions = Jdbc.versions(writes.bound(SqliteSchema.ALL_VERSIONS, key));
            writes.bound(SqliteSchema.DELETE_KEY, key).executeUpdate();
            writes.bound(SqliteSchema.QUARANTINE_PUT, key, reason, System.currentTimeMillis(),
                    VersionsJson.encode(versions)).executeUpdate();
            return null;
        });
    }

    @Override
    public Optional<RawQuarantine> quarantined(String key) {
        return readers.read("read quarantine record of " + key, c -> {
            try (ResultSet rs = Jdbc.bind(c.prepareStatement(SqliteSchema.QUARANTINE_GET), key).executeQuery()) {
                return rs.next() ? Optional.of(record(key, rs)) : Optional.empty();
            }
        });
    }

    @Override
    public List<String> quarantinedKeys() {
        return readers.read("list quarantined keys", c -> Jdbc.strings(c, SqliteSchema.QUARANTINE_KEYS));
    }

    @Override
    public Optional<RawQuarantine> release(String key) {
        return writer.submit("release " + key, writes -> {
            RawQuarantine q;
            try (ResultSet rs = writes.bound(SqliteSchema.QUARANTINE_GET, key).executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                q = record(key, rs);
            }
            writes.bound(SqliteSchema.QUARANTINE_DELETE, key).executeUpdate();
            if (!q.versions().isEmpty()) {
                writes.bound(SqliteSchema.DELETE_KEY, key).executeUpdate();
                for (RawVersion v : q.versions()) {
                    writes.bound(SqliteSchema.INSERT, key, v.revision(), v.json(), v.savedAt().toEpochMilli())
                            .executeUpdate();
                }
            }
            return Optional.of(q);
        });
    }

    private static RawQuarantine record(String key, ResultSet rs) throws SQLException {
        return new RawQuarantine(key, rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                VersionsJson.decode(key, rs.getString(3)));
    }

    @Override
    public String describe() {
        return name + " (" + options.durability().name().toLowerCase() + ")";
    }

    @Override
    public StoreCounters counters() {
        return new StoreCounters(saves.get(), writer.commits());
    }

    @Override
    public void close() {
        writer.close();
        readers.close();
    }
}
