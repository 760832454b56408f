package io.islands.storage.internal;

import io.islands.runtime.checkpoint.StoreException;
import io.islands.storage.Durability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Function;
import org.sqlite.SQLiteConfig;

/**
 * One open SQLite file in WAL mode, as the state stores and the disk tables both use it: its
 * one {@link SqliteWriter} (group commit) and its {@link SqliteReaders} (up to {@link #READERS}
 * read connections), opened the same way for both.
 *
 * @param writer every write of the file goes through it
 * @param readers every read of the file goes through them
 */
public record SqliteFile(SqliteWriter writer, SqliteReaders readers) implements AutoCloseable {
    /** Read connections per file. */
    public static final int READERS = 4;

    /** Runs once on the write connection, before the writer starts (a schema, migrations). */
    public interface Setup {
        void run(Connection c) throws SQLException;
    }

    /**
     * Opens (or creates, with its directory) the file of {@code options}.
     *
     * @param name the store or file, for messages and errors ({@code sqlite:PATH}, or the path)
     * @param failures turns a {@link StoreException} (an SQL error, a closed file) into what
     *     callers get: the identity for the state stores
     * @throws RuntimeException through {@code failures}, if the file cannot be opened or set up
     */
    public static SqliteFile open(String name, SqliteOptions options,
            Function<StoreException, ? extends RuntimeException> failures, Setup setup) {
        Connection c = null;
        try {
            Path parent = options.file().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            c = connect(options, true);
            setup.run(c);
        } catch (IOException e) {
            throw failures.apply(new StoreException(name + ": cannot create its directory: " + e, e));
        } catch (SQLException e) {
            closeQuietly(c);
            throw failures.apply(SqliteErrors.map(name, options, "open", e));
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
        return new SqliteFile(new SqliteWriter(name, options, c, () -> connect(options, true), failures),
                new SqliteReaders(name, options, READERS, () -> connect(options, false), failures));
    }

    /** Runs what was written before, stops the writer, then closes the readers. */
    @Override
    public void close() {
        writer.close();
        readers.close();
    }

    private static Connection connect(SqliteOptions options, boolean forWriting) throws SQLException {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setBusyTimeout((int) options.busyTimeout().toMillis());
        cfg.setSynchronous(options.durability() == Durability.DURABLE
                ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        Connection c = cfg.createConnection("jdbc:sqlite:" + options.file());
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
                if (options.maxPageCount() > 0) {
                    s.execute("PRAGMA max_page_count = " + options.maxPageCount());
                }
            } else {
                s.execute("PRAGMA query_only = 1");
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
        return c;
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
