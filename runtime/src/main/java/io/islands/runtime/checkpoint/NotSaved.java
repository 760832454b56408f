package io.islands.runtime.checkpoint;

/**
 * The reply a caller gets instead of the server's reply when the change could not be saved:
 * the change was not applied, the server keeps its previous state and goes on.
 *
 * @param key the server's key
 * @param reason the store's error, for the caller to show
 */
public record NotSaved(String key, String reason) {}
