package io.islands.storage;

import java.time.Instant;

/**
 * What a store holds for one key, for listings.
 *
 * @param key the key
 * @param revision its newest revision
 * @param versions how many versions are kept
 * @param savedAt when the newest was written; null where the store does not record it
 */
public record KeySummary(String key, long revision, int versions, Instant savedAt) {}
