package io.islands.runtime.checkpoint;

/**
 * A saved row exists but cannot be read back (corrupt bytes, an unknown schema version): the
 * key is quarantined, the rest of the store works on. The message says which key and why.
 */
public class UnreadableStateException extends StoreException {
    public UnreadableStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
