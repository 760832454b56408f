package io.islands.storage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A store of JSON text per key: the database half of a {@link CloseableStateStore}, with the
 * same contract as {@link io.islands.runtime.checkpoint.StateStore} (revision rule, history
 * depth, atomicity per key, errors as {@link io.islands.runtime.checkpoint.StoreException}).
 * {@link EncodedStateStore} puts a {@link StateCodec} in front of it.
 */
interface RawStore extends AutoCloseable {

    /** @return the newest {@code limit} versions, newest first */
    List<RawVersion> versions(String key, int limit);

    /**
     * @return the newest {@code limit} versions of each key that has any, newest first, in the
     *     order of {@code keys}; a database store reads them in a few statements (default: one by one)
     */
    default Map<String, List<RawVersion>> versions(List<String> keys, int limit) {
        Map<String, List<RawVersion>> out = new LinkedHashMap<>();
        for (String key : keys) {
            List<RawVersion> v = versions(key, limit);
            if (!v.isEmpty()) {
                out.put(key, v);
            }
        }
        return out;
    }

    /** Stores {@code json} as {@code revision} if that is the newest + 1, and trims the history. */
    void save(String key, long revision, String json);

    /** @return the versions removed, newest first */
    List<RawVersion> discardAfter(String key, long revision);

    boolean delete(String key);

    List<String> keys();

    /** @return ordered by key; {@code versions} capped at the history depth */
    List<KeySummary> summaries();

    void quarantine(String key, String reason);

    Optional<RawQuarantine> quarantined(String key);

    List<String> quarantinedKeys();

    Optional<RawQuarantine> release(String key);

    String describe();

    StoreCounters counters();

    @Override
    void close();
}
