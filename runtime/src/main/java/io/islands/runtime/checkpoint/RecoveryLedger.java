package io.islands.runtime.checkpoint;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, across restarts of a key's process, which saved revisions crashed the process
 * right after it restored them (before it could make any change). A revision that did so
 * {@code crashesBeforeFallback} times is poisoned: the next start skips it and falls back.
 *
 * <p>Design note: owned by whoever supervises the checkpointed processes (it must outlive
 * them); one {@link ConcurrentHashMap} entry per key with an immutable map of counts, changed
 * by atomic {@code compute}. In memory: a JVM restart forgets it, which only costs one more
 * crash per poisoned revision.
 */
public final class RecoveryLedger {
    private final int crashesBeforeFallback;
    private final ConcurrentHashMap<String, Map<Long, Integer>> crashes = new ConcurrentHashMap<>();

    /** @param crashesBeforeFallback crashes right after restoring a revision that poison it (>= 1) */
    public RecoveryLedger(int crashesBeforeFallback) {
        if (crashesBeforeFallback < 1) {
            throw new IllegalArgumentException("crashesBeforeFallback must be >= 1");
        }
        this.crashesBeforeFallback = crashesBeforeFallback;
    }

    /** Records that the process crashed after restoring {@code revision}, before any change. */
    public void crashedAfterRestore(String key, long revision) {
        crashes.compute(key, (k, old) -> {
            int n = old == null ? 0 : old.getOrDefault(revision, 0);
            java.util.HashMap<Long, Integer> next = old == null ? new java.util.HashMap<>() : new java.util.HashMap<>(old);
            next.put(revision, n + 1);
            return Map.copyOf(next);
        });
    }

    /** Marks {@code revision} poisoned at once (it failed {@link Checkpointed#restore}). */
    public void poison(String key, long revision) {
        crashes.compute(key, (k, old) -> {
            java.util.HashMap<Long, Integer> next = old == null ? new java.util.HashMap<>() : new java.util.HashMap<>(old);
            next.put(revision, crashesBeforeFallback);
            return Map.copyOf(next);
        });
    }

    /** @return whether starting from {@code revision} is known to crash */
    public boolean isPoisoned(String key, long revision) {
        Map<Long, Integer> m = crashes.get(key);
        return m != null && m.getOrDefault(revision, 0) >= crashesBeforeFallback;
    }

    /** Forgets the key: it made progress (a new revision), or it was deleted or released. */
    public void forget(String key) {
        crashes.remove(key);
    }
}
