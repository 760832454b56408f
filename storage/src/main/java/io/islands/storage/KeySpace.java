package io.islands.storage;

import io.islands.runtime.checkpoint.Quarantined;
import io.islands.runtime.checkpoint.Saved;
import io.islands.runtime.checkpoint.StateStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One namespace of keys inside a shared {@link StateStore}, so that keys chosen by clients can
 * never collide with the keys of another space (seat records, readiness probes, metadata).
 *
 * <p>A key of any space is a non-empty string without {@link #SEPARATOR}. The {@linkplain
 * #root root} space (the games) stores its keys as they are; a named space {@code s} stores key
 * {@code k} as {@code s:k}. Since no key of any space contains the separator, a root key never
 * equals a stored key of a named space, and two named spaces never share a stored key. This is
 * enforced here, on every operation, whatever the caller checked before: a key outside the
 * space is an {@link IllegalArgumentException} and reaches no store. {@link #keys()} and
 * {@link #quarantinedKeys()} list only this space's keys (without the prefix).
 *
 * <p>Keys written before spaces existed stay where they were: games at their name, seat records
 * at {@code seats:<game>}; only game names with a {@code :} are out of reach (docs/security.md).
 * Thread-safety and atomicity are those of the wrapped store.
 */
public final class KeySpace<S> implements StateStore<S> {
    /** The character no key may contain; it separates a named space from its keys. */
    public static final char SEPARATOR = ':';

    private final StateStore<S> store;
    private final String prefix;

    private KeySpace(StateStore<S> store, String prefix) {
        this.store = Objects.requireNonNull(store, "store");
        this.prefix = prefix;
    }

    /** @return the root space of {@code store} (game names), keys stored as they are */
    public static <S> KeySpace<S> root(StateStore<S> store) {
        return new KeySpace<>(store, "");
    }

    /**
     * @param name the space's name: letters, digits, {@code _} or {@code -}
     * @return the space {@code name} of {@code store}, key {@code k} stored as {@code name:k}
     */
    public static <S> KeySpace<S> named(String name, StateStore<S> store) {
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("a space name is letters, digits, _ or -: " + name);
        }
        return new KeySpace<>(store, name + SEPARATOR);
    }

    /** @return whether {@code key} is a key of a space: non-empty, without {@link #SEPARATOR} */
    public static boolean accepts(String key) {
        return key != null && !key.isEmpty() && key.indexOf(SEPARATOR) < 0;
    }

    private String stored(String key) {
        if (!accepts(key)) {
            throw new IllegalArgumentException("not a key of this space (empty, or contains '" + SEPARATOR + "')");
        }
        return prefix + key;
    }

    private List<String> mine(List<String> stored) {
        return stored.stream()
                .filter(k -> k.startsWith(prefix) && accepts(k.substring(prefix.length())))
                .map(k -> k.substring(prefix.length()))
                .toList();
    }

    @Override
    public int historyDepth() {
        return store.historyDepth();
    }

    @Override
    public List<Saved<S>> versions(String key) {
        return store.versions(stored(key));
    }

    /** Checks every key before reading any; the answer's keys are this space's (without the prefix). */
    @Override
    public Map<String, List<Saved<S>>> versionsOf(List<String> keys) {
        List<String> stored = keys.stream().map(this::stored).toList();
        Map<String, List<Saved<S>>> out = new LinkedHashMap<>();
        store.versionsOf(stored).forEach((k, v) -> out.put(k.substring(prefix.length()), v));
        return out;
    }

    @Override
    public Optional<Saved<S>> newest(String key) {
        return store.newest(stored(key));
    }

    @Override
    public void save(String key, Saved<S> version) {
        store.save(stored(key), version);
    }

    @Override
    public List<Saved<S>> discardAfter(String key, long revision) {
        return store.discardAfter(stored(key), revision);
    }

    @Override
    public boolean delete(String key) {
        return store.delete(stored(key));
    }

    @Override
    public List<String> keys() {
        return mine(store.keys());
    }

    @Override
    public void quarantine(String key, String reason) {
        store.quarantine(stored(key), reason);
    }

    @Override
    public Optional<Quarantined<S>> quarantined(String key) {
        return store.quarantined(stored(key));
    }

    @Override
    public List<String> quarantinedKeys() {
        return mine(store.quarantinedKeys());
    }

    @Override
    public Optional<Quarantined<S>> release(String key) {
        return store.release(stored(key));
    }
}
