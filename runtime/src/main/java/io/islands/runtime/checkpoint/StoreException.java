package io.islands.runtime.checkpoint;

/**
 * A state store could not do what was asked: down, full, read-only, locked, or a row it cannot
 * read. Nothing was changed by the failed operation. Subclass {@link StaleRevisionException}
 * means another writer got there first.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
