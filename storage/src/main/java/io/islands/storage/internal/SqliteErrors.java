package io.islands.storage.internal;

import io.islands.runtime.checkpoint.StoreException;
import java.sql.SQLException;

/** Turns SQLite's result codes into {@link StoreException}s an operator can act on. */
public final class SqliteErrors {
    private SqliteErrors() {}

    /** @return whether the error says the connection cannot write (SQLITE_READONLY and its extended codes) */
    public static boolean isReadOnly(SQLException e) {
        return (e.getErrorCode() & 0xff) == 8;
    }

    /**
     * @param store the store, as {@code sqlite:PATH}, or the file
     * @param what the operation, e.g. "save game-1 revision 4"
     */
    public static StoreException map(String store, SqliteOptions options, String what, SQLException e) {
        String why = switch (e.getErrorCode() & 0xff) {
            case 5, 6 -> "the database is locked by another connection (waited busy_timeout "
                    + options.busyTimeout().toMillis() + " ms)";
            case 8 -> "the store is read-only (file or directory permissions, a read-only mount, or the file was replaced)";
            case 13 -> "the store is full (no space left on the disk, or its size limit reached)";
            case 10 -> "I/O error reading or writing the store file";
            case 14 -> "cannot open the store file (missing directory or no permission)";
            case 11, 26 -> "the store file is corrupt or not a SQLite database";
            default -> "SQLite error";
        };
        return new StoreException(store + ": " + what + " failed: " + why + " [" + e.getMessage() + "]", e);
    }
}
