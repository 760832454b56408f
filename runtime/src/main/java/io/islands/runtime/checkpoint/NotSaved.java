package io.islands.runtime.checkpoint;

/**
 * The reply a caller gets instead of the server's reply when the change could not be saved:
 * the change was not applied, the server keeps its previous state and goes on; unless the save
 * was refused as stale or fenced out, in which case the server stops.
 *
 * @param key the server's key
 * @param reason the store's error, for the caller to show
 * @param fencedOut the save was refused by a {@link FencedOutException}: another node owns the
 *     key now and the server has stopped
 */
public record NotSaved(String key, String reason, boolean fencedOut) {
    /** A change not saved for a store error (not fenced out). */
    public NotSaved(String key, String reason) {
        this(key, reason, false);
    }
}
