package io.islands.storage.internal;

import io.islands.storage.Durability;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a SQLite file is opened, by a state store or a disk-table file.
 *
 * @param file the database file (absolute)
 * @param durability DURABLE: {@code synchronous=FULL}, each commit fsyncs the WAL; RELAXED:
 *     {@code synchronous=NORMAL}, the WAL is fsynced by a checkpoint every {@code syncInterval}
 * @param busyTimeout how long a write waits for a lock held by another connection before failing
 * @param syncInterval RELAXED only: the bound on how old an acknowledged but unsynced save can be
 * @param maxPageCount 0, or a size limit in pages ({@code PRAGMA max_page_count}): writes past it fail as "full"
 */
public record SqliteOptions(Path file, Durability durability, Duration busyTimeout, Duration syncInterval, long maxPageCount) {
    /**
     * A write caught behind a lock waits this long, plus at most one batch ahead of it waiting as
     * long: 4 s, under a game call's 5 s timeout, so that its caller gets "not saved" (the move
     * was not applied) rather than a timeout (outcome unknown).
     */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofSeconds(1);

    public static SqliteOptions defaults(Path file) {
        return new SqliteOptions(file, Durability.DURABLE, DEFAULT_BUSY_TIMEOUT, DEFAULT_SYNC_INTERVAL, 0);
    }

    public SqliteOptions with(Durability d) {
        return new SqliteOptions(file, d, busyTimeout, syncInterval, maxPageCount);
    }

    public SqliteOptions withBusyTimeout(Duration t) {
        return new SqliteOptions(file, durability, t, syncInterval, maxPageCount);
    }

    public SqliteOptions withSyncInterval(Duration t) {
        return new SqliteOptions(file, durability, busyTimeout, t, maxPageCount);
    }

    public SqliteOptions withMaxPageCount(long pages) {
        return new SqliteOptions(file, durability, busyTimeout, syncInterval, pages);
    }
}
