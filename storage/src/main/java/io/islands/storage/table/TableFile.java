package io.islands.storage.table;

import io.islands.storage.Durability;
import io.islands.storage.internal.SqliteFile;
import io.islands.storage.internal.SqliteOptions;
import io.islands.storage.internal.SqliteReaders;
import io.islands.storage.internal.SqliteWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One open SQLite file holding disk tables: a {@link SqliteFile}, opened as the state stores
 * open theirs (WAL journal, one {@link SqliteWriter} with group commit, {@link SqliteReaders}
 * that see the last commit and never wait for the writer), whose failures reach callers as
 * {@link DiskTableException}s. Shared by every table open in the file; closed with the last of them.
 */
final class TableFile {
    /** How long a write waits for a lock held by another connection (another process) before failing. */
    private static final Duration BUSY_TIMEOUT = Duration.ofSeconds(5);

    final Path path;
    final Durability durability;
    final SqliteWriter writer;
    final SqliteReaders readers;
    final Map<String, DiskTable<?, ?>> tables = new HashMap<>(); // guarded by DiskTables.class
    private final SqliteFile file;

    TableFile(Path path, Durability durability) {
        this.path = path;
        this.durability = durability;
        SqliteOptions options = SqliteOptions.defaults(path).with(durability).withBusyTimeout(BUSY_TIMEOUT);
        this.file = SqliteFile.open(path.toString(), options, e -> new DiskTableException(e.getMessage(), e), c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS islands_disk_tables (name TEXT PRIMARY KEY, type TEXT NOT NULL)");
            }
        });
        this.writer = file.writer();
        this.readers = file.readers();
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

    /** Stops the writer (after what it was given), then closes the readers once their reads are done. */
    void close() {
        file.close();
    }
}
