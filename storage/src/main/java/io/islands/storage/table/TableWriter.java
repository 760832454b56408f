package io.islands.storage.table;

import io.islands.storage.Durability;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes a disk-table file, with group commit, as
 * {@code io.islands.storage.SqliteWriter}: callers enqueue work and wait; the thread runs
 * everything pending in one transaction, commits once (one fsync in durable mode), then answers
 * every caller. Each piece of work runs inside its own savepoint: when it throws (a missing
 * counter, a remapping function's exception) only its own changes are undone and only its caller
 * gets the exception; an SQL error rolls the whole batch back and every caller of the batch gets
 * a {@link DiskTableException}.
 *
 * <p>Relaxed mode: the thread checkpoints the WAL (which fsyncs it) at most a second after a commit.
 */
final class TableWriter {
    private static final Logger LOG = LoggerFactory.getLogger(TableWriter.class);
    static final int MAX_BATCH = 1024;
    private static final long SYNC_INTERVAL_NANOS = 1_000_000_000L;

    /** Work done in the writer's transaction. */
    interface Work<T> {
        T run(Statements statements) throws SQLException;
    }

    /** Prepared statements of the writer's connection, prepared once. */
    static final class Statements {
        private final Connection conn;
        private final Map<String, PreparedStatement> prepared = new HashMap<>();

        Statements(Connection conn) {
            this.conn = conn;
        }

        PreparedStatement bound(String sql, Object... args) throws SQLException {
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

        void execute(String sql) throws SQLException {
            try (Statement s = conn.createStatement()) {
                s.execute(sql);
            }
        }

        void clear() {
            for (PreparedStatement ps : prepared.values()) {
                try {
                    ps.close();
                } catch (SQLException ignored) {
                    // finalized already
                }
            }
            prepared.clear();
        }
    }

    private static final class Pending<T> {
        final String what;
        final Work<T> work;
        final CompletableFuture<T> done = new CompletableFuture<>();
        T result;
        RuntimeException refused;

        Pending(String what, Work<T> work) {
            this.what = what;
            this.work = work;
        }

        void runIn(Statements st) throws SQLException {
            st.execute("SAVEPOINT w");
            try {
                result = work.run(st);
            } catch (RuntimeException e) {
                refused = e;
                st.execute("ROLLBACK TO w");
            }
            st.execute("RELEASE w");
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

    private final String file;
    private final Durability durability;
    private final Connection conn;
    private final Statements statements;
    private final LinkedBlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final AtomicLong commits = new AtomicLong();
    private final Thread thread;
    private boolean closed; // guarded by gate
    private boolean unsynced;
    private long firstUnsyncedNanos;

    /** @param conn the write connection, owned (and closed) by the writer from now on */
    TableWriter(String file, Durability durability, Connection conn) {
        this.file = file;
        this.durability = durability;
        this.conn = conn;
        this.statements = new Statements(conn);
        this.thread = Thread.ofPlatform().daemon().name("islands-disk-table-writer").unstarted(this::loop);
        thread.start();
    }

    /** Runs {@code work} in the next group commit and waits for the commit; rethrows what the work threw. */
    <T> T submit(String what, Work<T> work) {
        Pending<T> p = new Pending<>(what, work);
        gate.readLock().lock();
        try {
            if (closed) {
                throw new DiskTableException(file + ": " + what + " failed: the file is closed");
            }
            queue.add(p);
        } finally {
            gate.readLock().unlock();
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return p.done.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the write is queued: wait for its outcome anyway
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new DiskTableException(file + ": " + what + " failed: " + e.getCause(), e.getCause());
                }
            }
        } catch (CompletionException e) {
            throw new DiskTableException(file + ": " + what + " failed: " + e.getCause(), e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    long commits() {
        return commits.get();
    }

    /** Runs what was submitted before, then stops the thread and closes the connection. */
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
                LOG.warn("{}: disk table writer interrupted; the file stops accepting writes", file);
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
        try {
            conn.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
        for (Pending<?> p; (p = queue.poll()) != null; ) {
            p.done.completeExceptionally(new DiskTableException(file + ": " + p.what + " failed: the file is closed"));
        }
    }

    private void runBatch(List<Pending<?>> batch) {
        try {
            statements.execute("BEGIN IMMEDIATE");
            try {
                for (Pending<?> p : batch) {
                    p.runIn(statements);
                }
                statements.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                try {
                    statements.execute("ROLLBACK");
                } catch (SQLException ignored) {
                    // SQLite rolled back by itself
                }
                statements.clear();
                throw e;
            }
            commits.incrementAndGet();
            if (durability == Durability.RELAXED && !unsynced) {
                unsynced = true;
                firstUnsyncedNanos = System.nanoTime();
            }
            for (Pending<?> p : batch) {
                p.complete();
            }
        } catch (SQLException | RuntimeException | Error e) {
            if (!(e instanceof SQLException)) {
                LOG.error("{}: disk table write batch failed unexpectedly", file, e);
            }
            for (Pending<?> p : batch) {
                p.done.completeExceptionally(new DiskTableException(file + ": " + p.what + " failed: " + e, e));
            }
        }
    }

    private long untilSyncDue() {
        return Math.max(0, firstUnsyncedNanos + SYNC_INTERVAL_NANOS - System.nanoTime());
    }

    private void syncIfDue(boolean now) {
        if (!unsynced || (!now && untilSyncDue() > 0)) {
            return;
        }
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            rs.next();
            if (rs.getLong(3) >= rs.getLong(2)) {
                unsynced = false;
            } else {
                firstUnsyncedNanos = System.nanoTime() - SYNC_INTERVAL_NANOS + 10_000_000L;
            }
        } catch (SQLException e) {
            LOG.warn("{}: WAL checkpoint failed, will retry: {}", file, e.getMessage());
            firstUnsyncedNanos = System.nanoTime() - SYNC_INTERVAL_NANOS + 100_000_000L;
        }
    }
}
