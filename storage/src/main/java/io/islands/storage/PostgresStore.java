package io.islands.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.islands.runtime.checkpoint.FencedOutException;
import io.islands.runtime.checkpoint.StaleRevisionException;
import io.islands.runtime.checkpoint.StoreException;
import io.islands.storage.internal.GroupCommit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A state store in PostgreSQL: states with their revision, a few versions per key
 * ({@code islands_states}), set-aside keys ({@code islands_quarantine}), schema steps in
 * {@code islands_schema_version}, applied at open under an advisory lock.
 *
 * <p>Saves go through a group-commit writer ({@link GroupCommit}, one lane): the saves that
 * arrive while a statement runs wait, and the next statement takes them all (up to {@link
 * #MAX_BATCH}) as one multi-row statement ({@link PostgresBatches#SAVE_ROWS}): one round trip,
 * one transaction, one commit. Each row is checked by itself: a save is stored only when the
 * newest stored revision is its revision - 1, and a refused save fails alone with its own
 * {@link io.islands.runtime.checkpoint.StaleRevisionException}; the primary key (key, revision)
 * refuses the loser of two stores racing for the same revision. A save is acknowledged only after
 * its statement's commit. A statement that fails on the connection (lost, database restarting)
 * fails every save of it, none of which is stored; one that fails on the data is run again row
 * by row, so that only the row at fault fails. Other writes are one statement (release: one
 * transaction) on a pooled connection, so each is atomic.
 *
 * <p>Durable mode runs {@code synchronous_commit=on}: a commit returns after its record is
 * flushed to the WAL (PostgreSQL shares one flush among the commits waiting for it). Relaxed
 * mode runs {@code off}: a database crash can lose the last ~0.6 s (3 × wal_writer_delay).
 *
 * <p>The pool (HikariCP) replaces broken connections: while the database is down every
 * operation fails with a {@link StoreException} after the connect timeout, and works again
 * once it is back. It keeps {@link #IDLE_CONNECTIONS} connections open (the lanes' own) and
 * opens more only under load, up to {@code pool_size}, each closed again after 10 idle minutes:
 * a server opens several stores on one database (games, seats, replays; a cluster node also
 * its membership's), and until 2026-12-06 each held its whole pool from the start, 10 backends a
 * store, about 40 a cluster node, all forked when a node starts and all ended at once when it
 * stops (docs/benchmarks.md, "The morning of 2026-12-06").
 */
final class PostgresStore implements RawStore {
    /** The most saves in one batch (one statement, unless a key repeats). */
    static final int MAX_BATCH = 1024;
    /** Batches in flight at once, each on its own connection. */
    private static final int WRITER_LANES = 1;
    /** The most keys read in one statement. */
    static final int MAX_READ_BATCH = 256;
    /** Read statements in flight at once. */
    private static final int READER_LANES = 2;
    /** Connections the pool keeps open when idle (fewer if the pool is smaller): the lanes'. */
    static final int IDLE_CONNECTIONS = WRITER_LANES + READER_LANES;

    private final PostgresOptions options;
    private final int depth;
    /** Null unless this is a cluster node's fenced store. */
    private final Fences fences;
    private final HikariDataSource pool;
    private final AtomicLong saves = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong readStatements = new AtomicLong();
    /**
     * One permit per pooled connection, handed out first come, first served: the pool's own
     * hand-off is not fair, and under more callers than connections some would time out while
     * the database is fine. Waiting here is bounded by the connect timeout too.
     */
    private final Semaphore turns;
    private final GroupCommit<PostgresBatches.Save> writer;
    private final GroupCommit<PostgresBatches.VersionsRead> reader;
    private volatile boolean closed;

    /** A unit of work on one connection. */
    interface ConnectionWork<T> {
        T run(Connection c) throws SQLException;
    }

    PostgresStore(PostgresOptions options, int historyDepth) {
        this(options, historyDepth, null);
    }

    /**
     * @param fences null: saves are not fenced (a single node); else a cluster node's fenced store:
     *     every save and delete of a key carries the fence {@code fences} gives for it, checked
     *     against the key's owner row ({@link PostgresBatches#SAVE_ROWS_FENCED}); a key it gives no
     *     fence for (0) is refused at once with a {@link FencedOutException}
     */
    PostgresStore(PostgresOptions options, int historyDepth, Fences fences) {
        this.options = options;
        this.depth = historyDepth;
        this.fences = fences;
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
        this.writer = new GroupCommit<>(options.display(), "islands-postgres-writer", WRITER_LANES, MAX_BATCH,
                this::runSaves);
        this.reader = new GroupCommit<>(options.display(), "islands-postgres-reader", Math.min(READER_LANES,
                options.poolSize()), MAX_READ_BATCH, this::runReads);
    }

    /**
     * Plans each of {@code statements} ({@code EXPLAIN}: nothing runs, every parameter is null) on
     * every connection of the pool, all held at once so that each is its own PostgreSQL backend. A
     * backend loads the catalog entries of the tables, indexes and functions a statement names on
     * its first use of them: the cluster's claim costs a fresh backend about 8 ms on a quiet
     * 2-core machine and 40-90 ms in a busy second, which a claim served on that connection during
     * a hand-off would otherwise wait for. Call once, when the store opens, before anyone uses
     * it. A connection the pool opens later (replacing a broken or retired one) warms on its first
     * statements, as before. The pool then keeps all its connections open (its idle minimum
     * raised to the pool size): otherwise the warmed ones beyond {@link #IDLE_CONNECTIONS} would
     * be closed after 10 idle minutes, and a later burst of claims would land on cold backends.
     *
     * @return the connections warmed (the pool size, unless the database failed meanwhile: a
     *     failure is logged and changes nothing else)
     */
    int warmUp(List<String> statements) {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < options.poolSize(); i++) {
                held.add(pool.getConnection());
            }
            for (Connection c : held) {
                for (String sql : statements) {
                    try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
                        int params = ps.getParameterMetaData().getParameterCount();
                        for (int p = 1; p <= params; p++) {
                            ps.setNull(p, java.sql.Types.NULL);
                        }
                        ps.executeQuery().close();
                    }
                }
            }
            pool.getHikariConfigMXBean().setMinimumIdle(options.poolSize());
            return held.size();
        } catch (SQLException e) {
            org.slf4j.LoggerFactory.getLogger(PostgresStore.class).info("{}: warming its connections up failed ({}); "
                    + "they warm on their first statements", options.display(), e.toString());
            return 0;
        } finally {
            for (Connection c : held) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // back to the pool, or evicted by it
                }
            }
        }
    }

    /** The pool's configuration for {@code o} (also the cluster's lock connection's). */
    static HikariConfig config(PostgresOptions o) {
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
        hc.setMinimumIdle(Math.min(o.poolSize(), IDLE_CONNECTIONS)); // more only under load (above)
        hc.setConnectionTimeout(o.connectTimeout().toMillis());
        hc.setValidationTimeout(Math.max(250, o.connectTimeout().toMillis() / 2));
        hc.setConnectionInitSql("SET synchronous_commit = " + (o.durability() == Durability.DURABLE ? "on" : "off"));
        hc.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, o.connectTimeout().toSeconds())));
        hc.addDataSourceProperty("socketTimeout", "30");
        hc.addDataSourceProperty("tcpKeepAlive", "true");
        hc.addDataSourceProperty("ApplicationName", "islands");
        return hc;
    }

    /**
     * Reads go through their own group ({@link #reader}): the reads that arrive while a statement
     * runs go into the next one, so an activation storm (thousands of games started at once)
     * reads in statements of up to {@link #MAX_READ_BATCH} keys, not one round trip each.
     */
    @Override
    public List<RawVersion> versions(String key, int limit) {
        PostgresBatches.VersionsRead read = new PostgresBatches.VersionsRead(key, limit);
        reader.enqueue(read);
        return read.await(options.display());
    }

    /**
     * Queues every key's read before awaiting any, so that the reader lanes take them in
     * statements of up to {@link #MAX_READ_BATCH} keys.
     */
    @Override
    public Map<String, List<RawVersion>> versions(List<String> keys, int limit) {
        List<PostgresBatches.VersionsRead> reads = new ArrayList<>(keys.size());
        for (String key : keys) {
            PostgresBatches.VersionsRead read = new PostgresBatches.VersionsRead(key, limit);
            reader.enqueue(read);
            reads.add(read);
        }
        Map<String, List<RawVersion>> out = new LinkedHashMap<>();
        for (PostgresBatches.VersionsRead read : reads) {
            List<RawVersion> v = read.await(options.display());
            if (!v.isEmpty()) {
                out.put(read.key, v);
            }
        }
        return out;
    }

    private void runReads(List<PostgresBatches.VersionsRead> batch) {
        try {
            connected(c -> {
                PostgresBatches.read(c, batch);
                return null;
            });
            readStatements.incrementAndGet();
        } catch (SQLException | Refused e) {
            failAll(batch, e);
        }
    }

    /** Fails every job of {@code jobs} not completed yet with its own message naming {@code e}'s cause. */
    private void failAll(List<? extends GroupCommit.Job<?>> jobs, Exception e) {
        for (GroupCommit.Job<?> job : jobs) {
            job.fail(e instanceof SQLException sql ? PostgresErrors.map(options, job.what, sql)
                    : new StoreException(options.display() + ": " + job.what + " failed: " + e.getMessage(), e.getCause()));
        }
    }

    @Override
    public void save(String key, long revision, String json) {
        long fence = 0;
        if (fences != null) {
            fence = fences.fenceOf(key);
            if (fence <= 0) {
                fences.refused(key);
                throw new FencedOutException(key, revision, 0, 0);
            }
        }
        PostgresBatches.Save save = new PostgresBatches.Save(key, revision, json, fence);
        writer.enqueue(save);
        save.await(options.display());
    }

    /**
     * Runs a batch of saves on one connection: a statement per round of distinct keys (one round
     * unless a key is saved twice), each its own transaction. A statement that fails on the data
     * (not on the connection) is run again row by row, so that only the row at fault fails.
     */
    private void runSaves(List<PostgresBatches.Save> batch) {
        try {
            connected(c -> {
                for (List<PostgresBatches.Save> round : PostgresBatches.rounds(batch)) {
                    try {
                        saveRound(c, round);
                    } catch (SQLException e) {
                        if (round.size() == 1 || PostgresErrors.isUnavailable(e)) {
                            throw e;
                        }
                        for (PostgresBatches.Save one : round) {
                            try {
                                saveRound(c, List.of(one));
                            } catch (SQLException alone) {
                                if (PostgresErrors.isUnavailable(alone)) {
                                    throw alone;
                                }
                                one.fail(PostgresErrors.map(options, one.what, alone));
                            }
                        }
                    }
                }
                return null;
            });
        } catch (SQLException | Refused e) {
            failAll(batch, e); // those stored already are completed: this does not change them
        }
    }

    private void saveRound(Connection c, List<PostgresBatches.Save> round) throws SQLException {
        StaleRevisionException[] refused = PostgresBatches.saveRound(c, round, depth, fences != null);
        commits.incrementAndGet();
        saves.addAndGet(Arrays.stream(refused).filter(Objects::isNull).count());
        if (fences != null) {
            for (int i = 0; i < refused.length; i++) {
                if (refused[i] instanceof FencedOutException) {
                    fences.refused(round.get(i).key);
                }
            }
        }
        PostgresBatches.complete(round, refused); // after counting, so that a caller sees its save counted
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
        if (fences != null) {
            return fencedDelete(key);
        }
        boolean any = withConnection("delete " + key, c -> Jdbc.update(c, PostgresSchema.DELETE_KEY, key) > 0);
        commits.incrementAndGet();
        return any;
    }

    /** A delete by a cluster node: only with the key's current fence (see {@link PostgresSchema#DELETE_KEY_FENCED}). */
    private boolean fencedDelete(String key) {
        long fence = fences.fenceOf(key);
        if (fence <= 0) {
            fences.refused(key);
            throw new FencedOutException(key, 0, 0, 0);
        }
        long[] outcome = withConnection("delete " + key, c -> {
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(PostgresSchema.DELETE_KEY_FENCED), key, key, fence);
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        });
        commits.incrementAndGet();
        if (outcome[0] != fence) {
            fences.refused(key);
            throw new FencedOutException(key, 0, fence, outcome[0]);
        }
        return outcome[1] > 0;
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

    /** @return reads waiting for a reader lane (tests) */
    int pendingReads() {
        return reader.pending();
    }

    /** @return read statements run so far (tests) */
    long readStatements() {
        return readStatements.get();
    }

    /** @return saves waiting for the writer (tests) */
    int pendingSaves() {
        return writer.pending();
    }

    @Override
    public StoreCounters counters() {
        return new StoreCounters(saves.get(), commits.get());
    }

    @Override
    public void close() {
        writer.close(); // runs the saves queued before, then stops
        reader.close();
        closed = true;
        pool.close();
    }

    /** Runs {@code work} on a pooled connection. @throws StoreException if it fails (the message names {@code what}) */
    <T> T withConnection(String what, ConnectionWork<T> work) {
        try {
            return connected(work);
        } catch (SQLException e) {
            throw PostgresErrors.map(options, what, e);
        } catch (Refused e) {
            throw new StoreException(options.display() + ": " + what + " failed: " + e.getMessage(), e.getCause());
        }
    }

    /** The store did not try: closed, overloaded or interrupted (the message says which). */
    private static final class Refused extends Exception {
        Refused(String why, Throwable cause) {
            super(why, cause, false, false);
        }
    }

    /** Runs {@code work} on a pooled connection, taking a turn first (see {@link #turns}). */
    private <T> T connected(ConnectionWork<T> work) throws SQLException, Refused {
        if (closed) {
            throw new Refused("the store is closed", null);
        }
        try {
            if (!turns.tryAcquire(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Refused("the store is overloaded (" + turns.getQueueLength() + " callers waiting for one of "
                        + options.poolSize() + " connections for more than " + options.connectTimeout().toMillis()
                        + " ms)", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted", e);
        }
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } finally {
            turns.release();
        }
    }

    /** As {@link #withConnection}, in one transaction, rolled back if {@code work} throws. */
    <T> T inTransaction(String what, ConnectionWork<T> work) {
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
