package io.islands.storage.internal;

import io.islands.runtime.checkpoint.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Read connections of a SQLite file, apart from the writer's: in WAL mode readers see the last
 * commit and never wait for the writer. At most {@code size} are open; they are opened lazily
 * and each is used by one reader at a time. The state stores and the disk tables both read
 * through it.
 *
 * <p>Threads: any caller; a read holds one permit of {@link #permits} while it borrows a
 * connection from {@link #idle}. {@link #close} marks the pool closed (new reads fail), waits
 * for the reads in flight by taking every permit, and then closes the connections.
 */
public final class SqliteReaders {
    /** A read against one connection. */
    public interface Read<T> {
        T run(Connection c) throws SQLException;
    }

    /** Opens one connection. */
    interface Opener {
        Connection open() throws SQLException;
    }

    private final String store;
    private final SqliteOptions options;
    private final int size;
    private final Opener opener;
    private final Function<StoreException, ? extends RuntimeException> failures;
    private final Semaphore permits;
    private final ArrayBlockingQueue<Connection> idle;
    private final List<Connection> all = new ArrayList<>(); // guarded by this
    private boolean closed; // guarded by this

    SqliteReaders(String store, SqliteOptions options, int size, Opener opener,
            Function<StoreException, ? extends RuntimeException> failures) {
        this.store = store;
        this.options = options;
        this.size = size;
        this.opener = opener;
        this.failures = failures;
        this.permits = new Semaphore(size);
        this.idle = new ArrayBlockingQueue<>(size);
    }

    /**
     * Runs {@code read} on a read connection, waiting for one if all are busy.
     *
     * @param what the operation, for error messages
     * @return what the read returned
     * @throws RuntimeException an SQL error or the pool closed, as a {@link StoreException}
     *     passed through {@code failures}; what the read itself threw, as it is
     */
    public <T> T read(String what, Read<T> read) {
        permits.acquireUninterruptibly();
        Connection c = null;
        try {
            c = borrow(what);
            return read.run(c);
        } catch (SQLException e) {
            throw failures.apply(SqliteErrors.map(store, options, what, e));
        } finally {
            if (c != null) {
                idle.add(c);
            }
            permits.release();
        }
    }

    private Connection borrow(String what) throws SQLException {
        synchronized (this) {
            if (closed) {
                throw failures.apply(new StoreException(store + ": " + what + " failed: the store is closed"));
            }
        }
        Connection c = idle.poll();
        if (c != null) {
            return c;
        }
        c = opener.open();
        synchronized (this) {
            all.add(c);
        }
        return c;
    }

    /** Refuses new reads, waits for those in flight, then closes every connection. Idempotent. */
    public void close() {
        synchronized (this) {
            closed = true;
        }
        permits.acquireUninterruptibly(size);
        try {
            synchronized (this) {
                for (Connection c : all) {
                    try {
                        c.close();
                    } catch (SQLException ignored) {
                        // closing anyway
                    }
                }
                all.clear();
                idle.clear();
            }
        } finally {
            permits.release(size);
        }
    }
}
