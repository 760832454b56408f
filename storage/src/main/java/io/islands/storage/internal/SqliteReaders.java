package io.islands.storage;

import io.islands.runtime.checkpoint.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * Read connections of a SQLite store, apart from the writer's: in WAL mode readers see the last
 * commit and never wait for the writer. At most {@code size} are open; they are opened lazily
 * and each is used by one reader at a time.
 */
final class SqliteReaders {
    /** A read against one connection. */
    interface Read<T> {
        T run(Connection c) throws SQLException;
    }

    /** Opens one read connection. */
    interface Opener {
        Connection open() throws SQLException;
    }

    private final String store;
    private final SqliteOptions options;
    private final Opener opener;
    private final Semaphore permits;
    private final ArrayBlockingQueue<Connection> idle;
    private final List<Connection> all = new ArrayList<>(); // guarded by this
    private boolean closed; // guarded by this

    SqliteReaders(String store, SqliteOptions options, int size, Opener opener) {
        this.store = store;
        this.options = options;
        this.opener = opener;
        this.permits = new Semaphore(size);
        this.idle = new ArrayBlockingQueue<>(size);
    }

    <T> T read(String what, Read<T> read) {
        permits.acquireUninterruptibly();
        Connection c = null;
        try {
            c = borrow();
            return read.run(c);
        } catch (SQLException e) {
            throw SqliteErrors.map(store, options, what, e);
        } finally {
            if (c != null) {
                idle.add(c);
            }
            permits.release();
        }
    }

    private Connection borrow() throws SQLException {
        synchronized (this) {
            if (closed) {
                throw new StoreException(store + ": the store is closed");
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

    /** Closes every connection; call after the readers have finished. */
    synchronized void close() {
        closed = true;
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
}
