package io.islands.storage;

import io.islands.runtime.checkpoint.StateStore;
import java.util.List;

/**
 * A {@link StateStore} opened by {@link StateStores#open}: it holds files, threads or
 * connections until {@link #close()}. After close every operation throws {@link
 * io.islands.runtime.checkpoint.StoreException}.
 */
public interface CloseableStateStore<S> extends StateStore<S>, AutoCloseable {

    /** @return the key's versions with their save times, newest first (as {@link #versions}) */
    List<StoredVersion<S>> history(String key);

    /** @return one line per key with saved versions, ordered by key */
    List<KeySummary> summaries();

    /** @return the store's URL without its password, and its durability */
    String describe();

    StoreCounters counters();

    /** Waits for the saves in progress, then releases everything. Idempotent. */
    @Override
    void close();
}
