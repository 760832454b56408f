package io.islands.storage.table;

import io.islands.runtime.table.TableException;

/** A disk table could not do what was asked because of its file: I/O, a full disk, a corrupt or locked database. */
public class DiskTableException extends TableException {
    public DiskTableException(String message) {
        super(message);
    }

    public DiskTableException(String message, Throwable cause) {
        super(message);
        initCause(cause);
    }
}
