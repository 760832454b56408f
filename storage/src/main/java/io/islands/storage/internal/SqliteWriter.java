package io.islands.storage.internal;

import io.islands.runtime.checkpoint.StoreException;
import io.islands.storage.Durability;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes a SQLite file, with group commit ({@link GroupCommit}, one lane):
 * callers enqueue their work and wait; the thread takes everything pending (up to {@link
 * #MAX_BATCH}), runs it in one transaction, commits once (one fsync in durable mode) and then
 * completes every caller. The state stores and the disk tables both write through it.
 *
 * <p>Each piece of work may refuse: its caller gets the refusal, the others are committed.
 * Work given to {@link #submit} refuses with a {@link StoreException} (a stale revision) before
 * it writes anything; work given to {@link #submitInSavepoint} runs inside a savepoint, and
 * whatever it throws (a missing counter, a remapping function's exception) undoes only its own
 * changes and goes to its caller alone, as thrown. An SQL error anywhere in the batch (full,
 * locked, read-only, I/O) rolls the whole transaction back and every caller of the batch gets a
 * failure: nothing of the batch is written, so a caller never sees "failed" for a write that is
 * in the store, except when the commit itself fails in a way SQLite cannot report precisely (an
 * I/O error during the fsync), which no database can rule out. After a read-only error the next
 * batch opens a new write connection (a connection opened read-only stays so).
 *
 * <p>Failures (SQL errors, the writer closed) reach the caller as a {@link StoreException}
 * passed through the owner's {@code failures} function (the disk tables turn it into their own
 * exception type). The caller waits uninterruptibly: a queued write runs anyway, and the
 * caller's interrupt is kept. An interrupt of the writer thread itself closes the writer.
 *
 * <p>In relaxed mode the thread also checkpoints the WAL (which fsyncs it) at least every
 * {@link SqliteOptions#syncInterval()} after a commit: that bounds the loss window on power loss.
 */
public final class SqliteWriter {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteWriter.class);
    static final int MAX_BATCH = 1024;
    private static final long RETRY_SYNC_NANOS = 10_000_000;

    /** Work done in the writer's transaction. */
    public interface Work<T> {
        T run(StatementCache statements) throws SQLException;
    }

    private final class Pending<T> extends GroupCommit.Job<T> {
        final Work<T> work;
        final boolean savepoint;
        T result;
        RuntimeException refused;

        Pending(String what, Work<T> work, boolean savepoint) {
            super(what);
            this.work = work;
            this.savepoint = savepoint;
        }

        void runIn(StatementCache statements) throws SQLException {
            if (!savepoint) {
                try {
                    result = work.run(statements);
                } catch (StoreException e) {
                    refused = e;
                }
                return;
            }
            statements.execute("SAVEPOINT w");
            try {
                result = work.run(statements);
            } catch (RuntimeException e) {
                refused = e;
                statements.execute("ROLLBACK TO w");
            }
            statements.execute("RELEASE w");
        }

        void complete() {
            if (refused != null) {
                done.completeExceptionally(refused);
            } else {
                done.complete(result);
            }
        }

        @Override
        public void fail(RuntimeException e) {
            super.fail(e instanceof StoreException se ? failures.apply(se) : e);
        }
    }

    private final String store;
    private final SqliteOptions options;
    private final SqliteReaders.Opener opener;
    private final Function<StoreException, ? extends RuntimeException> failures;
    private Connection conn; // the writer thread's, replaced after it was found read-only
    private StatementCache statements;
    private boolean reconnect;
    private final AtomicLong commits = new AtomicLong();
    private final GroupCommit<Pending<?>> group;
    private boolean unsynced; // relaxed mode: commits since the last WAL fsync
    private long firstUnsyncedNanos;

    /**
     * @param conn the write connection, owned (and closed) by the writer from now on
     * @param opener opens a new one when this one turned out read-only: a file that was read-only
     *     when opened stays so for its connection even once it is writable again
     * @param failures turns a failure into what the caller gets (identity for the state stores)
     */
    SqliteWriter(String store, SqliteOptions options, Connection conn, SqliteReaders.Opener opener,
            Function<StoreException, ? extends RuntimeException> failures) {
        this.store = store;
        this.options = options;
        this.opener = opener;
        this.failures = failures;
        this.conn = conn;
        this.statements = new StatementCache(conn);
        this.group = new GroupCommit<>(store, "islands-sqlite-writer", 1, MAX_BATCH, new GroupCommit.Runner<>() {
            @Override
            public void run(List<Pending<?>> batch) {
                runBatch(batch);
            }

            @Override
            public long dueInNanos() {
                return unsynced ? untilSyncDue() : -1;
            }

            @Override
            public void tick(boolean closing) {
                syncIfDue(closing);
            }

            @Override
            public void stopped() {
                statements.clear();
                closeQuietly(SqliteWriter.this.conn);
            }
        });
    }

    /**
     * Runs {@code work} in the next group commit and waits for the commit. The work refuses by
     * throwing a {@link StoreException} before it writes anything.
     *
     * @param what the operation, for error messages
     * @return what the work returned, once committed
     * @throws StoreException the work's refusal
     * @throws RuntimeException the batch's failure, through {@code failures}
     */
    public <T> T submit(String what, Work<T> work) {
        return submit(new Pending<>(what, work, false));
    }

    /**
     * Runs {@code work} in a savepoint of the next group commit and waits for the commit: what
     * the work throws undoes its own changes only and is rethrown to this caller as it is.
     *
     * @return what the work returned, once committed
     * @throws RuntimeException what the work threw; or the batch's failure, through {@code failures}
     */
    public <T> T submitInSavepoint(String what, Work<T> work) {
        return submit(new Pending<>(what, work, true));
    }

    private <T> T submit(Pending<T> p) {
        try {
            group.enqueue(p);
        } catch (StoreException closed) {
            throw failures.apply(closed);
        }
        return p.await(store);
    }

    /** @return the transactions committed so far */
    public long commits() {
        return commits.get();
    }

    /** Runs what was submitted before, then stops the thread and closes its connection. */
    public void close() {
        group.close();
    }

    private void runBatch(List<Pending<?>> batch) {
        try {
            reconnectIfNeeded();
        } catch (SQLException e) {
            failAll(batch, e);
            return;
        }
        try (Statement s = conn.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                for (Pending<?> p : batch) {
                    p.runIn(statements);
                }
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                rollback(s);
                statements.clear(); // after some errors SQLite's driver finalizes the statement
                throw e;
            }
            commits.incrementAndGet();
            if (options.durability() == Durability.RELAXED && !unsynced) {
                unsynced = true;
                firstUnsyncedNanos = System.nanoTime();
            }
            for (Pending<?> p : batch) {
                p.complete();
            }
        } catch (SQLException e) {
            reconnect = SqliteErrors.isReadOnly(e);
            failAll(batch, e);
        }
    }

    private void failAll(List<Pending<?>> batch, SQLException e) {
        for (Pending<?> p : batch) {
            p.fail(SqliteErrors.map(store, options, p.what, e));
        }
    }

    private void reconnectIfNeeded() throws SQLException {
        if (!reconnect) {
            return;
        }
        Connection fresh = opener.open();
        statements.clear();
        closeQuietly(conn);
        conn = fresh;
        statements = new StatementCache(fresh);
        reconnect = false;
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }

    /** SQLite may have rolled back by itself already (after SQLITE_FULL or an I/O error): then this fails, harmlessly. */
    private void rollback(Statement s) {
        try {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            LOG.debug("{}: rollback after a failed batch: {}", store, e.getMessage());
        }
    }

    private long untilSyncDue() {
        return Math.max(0, firstUnsyncedNanos + options.syncInterval().toNanos() - System.nanoTime());
    }

    /** Relaxed mode: a passive checkpoint fsyncs the WAL, at most {@code syncInterval} after the first unsynced commit. */
    private void syncIfDue(boolean now) {
        if (!unsynced || (!now && untilSyncDue() > 0)) {
            return;
        }
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            rs.next(); // busy, frames in the WAL, frames checkpointed
            if (rs.getLong(3) >= rs.getLong(2)) {
                unsynced = false;
            } else { // a reader pinned older frames: the WAL may not have been synced; try again soon
                firstUnsyncedNanos = System.nanoTime() - options.syncInterval().toNanos() + RETRY_SYNC_NANOS;
            }
        } catch (SQLException e) {
            LOG.warn("{}: WAL checkpoint failed, will retry: {}", store, e.getMessage());
            firstUnsyncedNanos = System.nanoTime() - options.syncInterval().toNanos() + 10 * RETRY_SYNC_NANOS;
        }
    }
}
