package io.islands.storage;

import io.islands.runtime.checkpoint.Saved;
import java.time.Instant;

/**
 * One saved version with the time it was stored.
 *
 * @param saved the revision and state
 * @param savedAt when the store wrote it; null where the store does not record it ({@code memory:})
 */
public record StoredVersion<S>(Saved<S> saved, Instant savedAt) {}
