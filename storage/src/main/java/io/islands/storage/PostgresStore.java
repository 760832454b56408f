package io.islands.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.islands.runtime.checkpoint.StaleRevisionException;
import io.islands.runtime.checkpoint.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A state store in PostgreSQL: states as jsonb with their revision, a few versions per key
 * ({@code islands_states}), set-aside keys ({@code islands_quarantine}), schema steps in
 * {@code islands_schema_version}, applied at open under an advisory lock.
 *
 * <p>Each write is one statement (release: one transaction), so it is atomic. A save is accepted
 * only when the newest stored revision is its revision - 1; the primary key (key, revision)
 * refuses the loser of two writers racing for the same revision. Durable mode runs
 * {@code synchronous_commit=on}: a save returns after its commit record is flushed to the WAL
 * (PostgreSQL shares one flush among the commits waiting for it: its group commit). Relaxed
 * mode runs {@code off}: a database crash can lose the last ~0.6 s (3 × wal_writer_delay).
 *
 * <p>The pool (HikariCP) replaces broken connections: while the database is down every
 * operation fails with a {@link StoreException} after the connect timeout, and works again
 * once it is back.
 */
final class PostgresStore implements RawStore {
    private final PostgresOptions options;
    private final int depth;
    private final HikariDataSource pool;
    private final AtomicLong saves = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    /**
     * One permit per pooled connection, handed out first come, first served: the pool's own
     * hand-off is not fair, and under more callers than connections some would time out while
     * the database is fine. Waiting here is bounded by the connect timeout too.
     */
    private final Semaphore turns;
    private volatile boolean closed;

    /** A unit of work on one connection. */
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    PostgresStore(PostgresOptions options, int historyDepth) {
        this.options = options;
        this.depth = historyDepth;
        this.turns = new Semaphore(options.poolSize(), true);
        try {
            this.pool = new HikariDataSource(config(options));
        } catch (RuntimeException e) { // the pool could not make its first connection
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            SQLException sql = cause instanceof SQLException s ? s : new SQLException(cause.toString(), "08001", cause);
            throw PostgresErrors.map(options, "open", sql);
        }
        try {
            inTransaction("open (schema migration)", c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                    ps.setLong(1, PostgresSchema.MIGRATION_LOCK);
                    ps.execute();
                }
                return Migrations.apply(c, options.display(), PostgresSchema.VERSION_TABLE,
                        PostgresSchema.CREATE_VERSION_TABLE, PostgresSchema.MIGRATIONS);
            });
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariConfig config(PostgresOptions o) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(o.jdbcUrl());
        if (o.user() != null) {
            hc.setUsername(o.user());
        }
        if (o.password() != null) {
            hc.setPassword(o.password());
        }
        hc.setPoolName("islands-postgres");
        hc.setMaximumPoolSize(o.poolSize());
        hc.setConnectionTimeout(o.connectTimeout().toMillis());
        hc.setValidationTimeout(Math.max(250, o.connectTimeout().toMillis() / 2));
        hc.setConnectionInitSql("SET synchronous_commit = " + (o.durability() == Durability.DURABLE ? "on" : "off"));
        hc.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, o.connectTimeout().toSeconds())));
        hc.addDataSourceProperty("socketTimeout", "30");
        hc.addDataSourceProperty("tcpKeepAlive", "true");
        hc.addDataSourceProperty("ApplicationName", "islands");
        return hc;
    }

    @Override
    public List<RawVersion> versions(String key, int limit) {
        return withConnection("read " + key, c -> Jdbc.versions(c, PostgresSchema.VERSIONS, key, limit));
    }

    @Override
    public void save(String key, long revision, String json) {
        String what = "save " + key + " revision " + revision;
        long[] outcome = withConnection(what, c -> {
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(PostgresSchema.SAVE),
                    key, key, revision, json, revision - 1, key, revision - depth);
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            } catch (SQLException e) {
                if (!PostgresErrors.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                return new long[] {0, newest(c, key)}; // another writer stored this revision first
            }
        });
        if (outcome[0] == 0) {
            throw new StaleRevisionException(key, outcome[1], revision);
        }
        saves.incrementAndGet();
        commits.incrementAndGet();
    }

    private static long newest(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(PostgresSchema.NEWEST), key);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public List<RawVersion> discardAfter(String key, long revision) {
        List<RawVersion> gone = new ArrayList<>(withConnection("discard versions of " + key + " after " + revision,
                c -> Jdbc.versions(c, PostgresSchema.DISCARD_AFTER, key, revision)));
        commits.incrementAndGet();
        gone.sort(Comparator.comparingLong(RawVersion::revision).reversed());
        return List.copyOf(gone);
    }

    @Override
    public boolean delete(String key) {
        boolean any = withConnection("delete " + key, c -> Jdbc.update(c, PostgresSchema.DELETE_KEY, key) > 0);
        commits.incrementAndGet();
        return any;
    }

    @Override
    public List<String> keys() {
        return withConnection("list keys", c -> Jdbc.strings(c, PostgresSchema.KEYS));
    }

    @Override
    public List<KeySummary> summaries() {
        return withConnection("list keys", c -> Jdbc.summaries(c, PostgresSchema.SUMMARIES, depth));
    }

    @Override
    public void quarantine(String key, String reason) {
        withConnection("quarantine " + key, c -> Jdbc.update(c, PostgresSchema.QUARANTINE, key, key, reason));
        commits.incrementAndGet();
    }

    @Override
    public Optional<RawQuarantine> quarantined(String key) {
        return withConnection("read quarantine record of " + key, c -> record(c, PostgresSchema.QUARANTINE_GET, key));
    }

    @Override
    public List<String> quarantinedKeys() {
        return withConnection("list quarantined keys", c -> Jdbc.strings(c, PostgresSchema.QUARANTINE_KEYS));
    }

    @Override
    public Optional<RawQuarantine> release(String key) {
        Optional<RawQuarantine> released = inTransaction("release " + key, c -> {
            Optional<RawQuarantine> q = record(c, PostgresSchema.QUARANTINE_TAKE, key);
            if (q.isPresent() && !q.get().versions().isEmpty()) {
                Jdbc.update(c, PostgresSchema.DELETE_KEY, key);
                for (RawVersion v : q.get().versions()) {
                    Jdbc.update(c, PostgresSchema.INSERT_VERSION, key, v.revision(), v.json(), Timestamp.from(v.savedAt()));
                }
            }
            return q;
        });
        commits.incrementAndGet();
        return released;
    }

    private static Optional<RawQuarantine> record(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(sql), key); ResultSet rs = ps.executeQuery()) {
            return rs.next()
                    ? Optional.of(new RawQuarantine(key, rs.getString(1), Jdbc.instant(rs, 2),
                            VersionsJson.decode(key, rs.getString(3))))
                    : Optional.empty();
        }
    }

    @Override
    public String describe() {
        return options.display() + " (" + options.durability().name().toLowerCase() + ")";
    }

    @Override
    public StoreCounters counters() {
        return new StoreCounters(saves.get(), commits.get());
    }

    @Override
    public void close() {
        closed = true;
        pool.close();
    }

    private <T> T withConnection(String what, Work<T> work) {
        if (closed) {
            throw new StoreException(options.display() + ": " + what + " failed: the store is closed");
        }
        try {
            if (!turns.tryAcquire(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new StoreException(options.display() + ": " + what + " failed: the store is overloaded ("
                        + turns.getQueueLength() + " callers waiting for one of " + options.poolSize()
                        + " connections for more than " + options.connectTimeout().toMillis() + " ms)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(options.display() + ": " + what + " failed: interrupted", e);
        }
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw PostgresErrors.map(options, what, e);
        } finally {
            turns.release();
        }
    }

    private <T> T inTransaction(String what, Work<T> work) {
        return withConnection(what, c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is gone; nothing was committed
                }
                throw e;
            }
        });
    }
}
