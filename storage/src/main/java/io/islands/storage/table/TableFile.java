package io.islands.storage.table;

import io.islands.storage.Durability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import org.sqlite.SQLiteConfig;

/**
 * One open SQLite file holding disk tables: WAL journal, one {@link TableWriter} (group commit)
 * and a few read connections of its own, which in WAL mode see the last commit and never wait
 * for the writer. Shared by every table open in the file; closed with the last of them.
 */
final class TableFile {
    private static final int READERS = 4;

    /** A read against one connection. */
    interface Read<T> {
        T run(Connection c) throws SQLException;
    }

    final Path path;
    final Durability durability;
    final TableWriter writer;
    final Map<String, DiskTable<?, ?>> tables = new HashMap<>(); // guarded by DiskTables.class
    private final Semaphore permits = new Semaphore(READERS);
    private final ArrayBlockingQueue<Connection> idle = new ArrayBlockingQueue<>(READERS);
    private final CopyOnWriteArrayList<Connection> all = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    TableFile(Path path, Durability durability) {
        this.path = path;
        this.durability = durability;
        try {
            Path parent = path.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection c = connect(true);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS islands_disk_tables (name TEXT PRIMARY KEY, type TEXT NOT NULL)");
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            this.writer = new TableWriter(path.toString(), durability, c);
        } catch (IOException e) {
            throw new DiskTableException(path + ": cannot create its directory: " + e, e);
        } catch (SQLException e) {
            throw new DiskTableException(path + ": cannot open: " + e.getMessage(), e);
        }
    }

    private Connection connect(boolean forWriting) throws SQLException {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setBusyTimeout(5_000);
        cfg.setSynchronous(durability == Durability.DURABLE
                ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        Connection c = cfg.createConnection("jdbc:sqlite:" + path);
        try (Statement s = c.createStatement()) {
            if (forWriting) {
                try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                    String mode = rs.next() ? rs.getString(1) : "?";
                    if (!"wal".equalsIgnoreCase(mode)) {
                        throw new SQLException("cannot switch to WAL mode (the file is in " + mode
                                + " mode): is the file or its directory read-only?");
                    }
                }
                s.execute("PRAGMA journal_size_limit = 67108864");
            } else {
                s.execute("PRAGMA query_only = 1");
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    <T> T read(String what, Read<T> read) {
        permits.acquireUninterruptibly();
        Connection c = null;
        try {
            if (closed) {
                throw new DiskTableException(path + ": " + what + " failed: the file is closed");
            }
            c = idle.poll();
            if (c == null) {
                c = connect(false);
                all.add(c);
            }
            return read.run(c);
        } catch (SQLException e) {
            throw new DiskTableException(path + ": " + what + " failed: " + e.getMessage(), e);
        } finally {
            if (c != null) {
                idle.add(c);
            }
            permits.release();
        }
    }

    /** @return the bytes of the database file and its WAL */
    long fileSize() {
        long n = 0;
        for (Path p : new Path[] {path, Path.of(path + "-wal")}) {
            try {
                n += Files.size(p);
            } catch (IOException ignored) {
                // not there
            }
        }
        return n;
    }

    /** Stops the writer (after what it was given), then closes the readers. */
    void close() {
        writer.close();
        closed = true;
        permits.acquireUninterruptibly(READERS);
        try {
            for (Connection c : all) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
            all.clear();
            idle.clear();
        } finally {
            permits.release(READERS);
        }
    }
}
