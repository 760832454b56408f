package io.islands.runtime.checkpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where checkpointed processes save their state, keyed by name, with a short history of
 * versions for last-known-good recovery.
 *
 * <table>
 *   <caption>Contract</caption>
 *   <tr><th>operation</th><th>returns</th><th>errors</th><th>atomicity</th></tr>
 *   <tr><td>{@link #versions}</td><td>the saved versions, newest first, at most {@link #historyDepth()}; empty if none</td>
 *       <td>{@link StoreException}</td><td>a consistent snapshot of the key</td></tr>
 *   <tr><td>{@link #versionsOf}</td><td>for each key with saved versions, what {@link #versions} returns, in the
 *       order of the keys asked for; keys without versions are absent</td><td>{@link StoreException}, or
 *       {@link UnreadableStateException} for any key: then nothing is returned</td><td>each key's list is a
 *       consistent snapshot of that key; the keys are not read at one instant together</td></tr>
 *   <tr><td>{@link #save}</td><td>nothing: on return the version is stored (durably, for a durable store)</td>
 *       <td>{@link StaleRevisionException} unless {@code revision == newest + 1} (1 for a new key);
 *       {@link StoreException}; on any error nothing changed</td><td>atomic per key</td></tr>
 *   <tr><td>{@link #discardAfter}</td><td>the versions removed (newer than {@code revision}), newest first</td>
 *       <td>{@link StoreException}</td><td>atomic per key</td></tr>
 *   <tr><td>{@link #delete}</td><td>whether anything was there</td><td>{@link StoreException}</td><td>atomic per key</td></tr>
 *   <tr><td>{@link #quarantine}</td><td>nothing; the key's versions move aside, the key has no versions after</td>
 *       <td>{@link StoreException}</td><td>atomic per key</td></tr>
 *   <tr><td>{@link #quarantined}, {@link #quarantinedKeys}</td><td>what is set aside</td><td>{@link StoreException}</td><td>—</td></tr>
 *   <tr><td>{@link #release}</td><td>the record released; its versions are back, newest as current</td>
 *       <td>{@link StoreException}</td><td>atomic per key</td></tr>
 * </table>
 */
public interface StateStore<S> {

    /** @return how many versions per key the store keeps (at least 1) */
    int historyDepth();

    List<Saved<S>> versions(String key);

    /**
     * Reads many keys at once: a database store answers in a few statements rather than one
     * round trip per key (for listings such as the observer's game list). The default reads the
     * keys one by one.
     *
     * @return see the contract table; a new map, in the order of {@code keys}
     */
    default Map<String, List<Saved<S>>> versionsOf(List<String> keys) {
        Map<String, List<Saved<S>>> out = new LinkedHashMap<>();
        for (String key : keys) {
            List<Saved<S>> v = versions(key);
            if (!v.isEmpty()) {
                out.put(key, v);
            }
        }
        return out;
    }

    default Optional<Saved<S>> newest(String key) {
        List<Saved<S>> v = versions(key);
        return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    void save(String key, Saved<S> version);

    List<Saved<S>> discardAfter(String key, long revision);

    boolean delete(String key);

    /** @return the keys that have saved versions (not the quarantined ones) */
    List<String> keys();

    void quarantine(String key, String reason);

    Optional<Quarantined<S>> quarantined(String key);

    List<String> quarantinedKeys();

    Optional<Quarantined<S>> release(String key);
}
