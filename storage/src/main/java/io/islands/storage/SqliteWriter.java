package io.islands.storage;

import io.islands.runtime.checkpoint.StoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes a SQLite store, with group commit: callers enqueue their work and
 * wait; the thread takes everything pending (up to {@link #MAX_BATCH}), runs it in one
 * transaction, commits once (one fsync in durable mode) and then completes every caller.
 *
 * <p>Each piece of work runs its own checks first and may refuse with a {@link StoreException}
 * (a stale revision) before it writes anything: that caller gets its refusal, the others are
 * committed. An SQL error anywhere in the batch (full, locked, read-only, I/O) rolls the whole
 * transaction back and every caller of the batch gets a {@link StoreException}: nothing of the
 * batch is written, so a caller never sees "failed" for a write that is in the store, except
 * when the commit itself fails in a way SQLite cannot report precisely (an I/O error during the
 * fsync), which no database can rule out.
 *
 * <p>In relaxed mode the thread also checkpoints the WAL (which fsyncs it) at least every
 * {@link SqliteOptions#syncInterval()} after a commit: that bounds the loss window on power loss.
 */
final class SqliteWriter {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteWriter.class);
    static final int MAX_BATCH = 1024;
    private static final long RETRY_SYNC_NANOS = 10_000_000;

    /** Work done in the writer's transaction. */
    interface Work<T> {
        T run(StatementCache statements) throws SQLException;
    }

    private static final class Pending<T> {
        final String what;
        final Work<T> work;
        final CompletableFuture<T> done = new CompletableFuture<>();
        T result;
        StoreException refused;

        Pending(String what, Work<T> work) {
            this.what = what;
            this.work = work;
        }

        void runIn(StatementCache statements) throws SQLException {
            try {
                result = work.run(statements);
            } catch (StoreException e) {
                refused = e;
            }
        }

        void complete() {
            if (refused != null) {
                done.completeExceptionally(refused);
            } else {
                done.complete(result);
            }
        }
    }

    private static final Pending<Void> CLOSE = new Pending<>("close", st -> null);

    private final String store;
    private final SqliteOptions options;
    private final SqliteReaders.Opener opener;
    private Connection conn; // the writer thread's, replaced after it was found read-only
    private StatementCache statements;
    private boolean reconnect;
    private final LinkedBlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final AtomicLong commits = new AtomicLong();
    private final Thread thread;
    private boolean closed; // guarded by gate
    private boolean unsynced; // relaxed mode: commits since the last WAL fsync
    private long firstUnsyncedNanos;

    /**
     * @param conn the write connection, owned (and closed) by the writer from now on
     * @param opener opens a new one when this one turned out read-only: a file that was read-only
     *     when opened stays so for its connection even once it is writable again
     */
    SqliteWriter(String store, SqliteOptions options, Connection conn, SqliteReaders.Opener opener) {
        this.store = store;
        this.options = options;
        this.opener = opener;
        this.conn = conn;
        this.statements = new StatementCache(conn);
        this.thread = Thread.ofPlatform().daemon().name("islands-sqlite-writer").unstarted(this::loop);
        thread.start();
    }

    /**
     * Runs {@code work} in the next group commit and waits for the commit.
     *
     * @param what the operation, for error messages
     * @throws StoreException the work's refusal, or the batch's failure
     */
    <T> T submit(String what, Work<T> work) {
        Pending<T> p = new Pending<>(what, work);
        gate.readLock().lock();
        try {
            if (closed) {
                throw new StoreException(store + ": " + what + " failed: the store is closed");
            }
            queue.add(p);
        } finally {
            gate.readLock().unlock();
        }
        try {
            return p.done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof StoreException se) {
                throw se;
            }
            throw new StoreException(store + ": " + what + " failed: " + e.getCause(), e.getCause());
        }
    }

    long commits() {
        return commits.get();
    }

    /** Runs what was submitted before, then stops the thread. */
    void close() {
        gate.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(CLOSE);
        } finally {
            gate.writeLock().unlock();
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        List<Pending<?>> batch = new ArrayList<>();
        boolean running = true;
        while (running) {
            Pending<?> first;
            try {
                first = unsynced ? queue.poll(untilSyncDue(), TimeUnit.NANOSECONDS) : queue.take();
            } catch (InterruptedException e) {
                LOG.warn("{}: writer interrupted; the store stops accepting writes", store);
                gate.writeLock().lock();
                closed = true;
                gate.writeLock().unlock();
                first = CLOSE;
            }
            if (first != null) {
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                running = !batch.remove(CLOSE);
                if (!batch.isEmpty()) {
                    runBatch(batch);
                }
                batch.clear();
            }
            syncIfDue(!running);
        }
        statements.clear();
        closeQuietly(conn);
        for (Pending<?> p; (p = queue.poll()) != null; ) { // only if interrupted; close() queues nothing after CLOSE
            p.done.completeExceptionally(new StoreException(store + ": " + p.what + " failed: the store is closed"));
        }
    }

    private void runBatch(List<Pending<?>> batch) {
        try {
            reconnectIfNeeded();
        } catch (SQLException e) {
            for (Pending<?> p : batch) {
                p.done.completeExceptionally(SqliteErrors.map(store, options, p.what, e));
            }
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
            for (Pending<?> p : batch) {
                p.done.completeExceptionally(SqliteErrors.map(store, options, p.what, e));
            }
        } catch (RuntimeException | Error e) {
            LOG.error("{}: write batch failed unexpectedly", store, e);
            for (Pending<?> p : batch) {
                p.done.completeExceptionally(new StoreException(store + ": " + p.what + " failed: " + e, e));
            }
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
