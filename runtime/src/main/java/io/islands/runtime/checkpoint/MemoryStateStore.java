package io.islands.runtime.checkpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A state store in memory: it outlives the processes that save to it, not the JVM.
 *
 * <p>Design note: one {@link ConcurrentHashMap} entry per key holds an immutable list of
 * versions, newest first; every change is one atomic {@code compute} on that key, so
 * operations on different keys never wait for each other and readers never block.
 */
public final class MemoryStateStore<S> implements StateStore<S> {
    private final int depth;
    private final ConcurrentHashMap<String, List<Saved<S>>> current = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Quarantined<S>> aside = new ConcurrentHashMap<>();

    /** @param historyDepth versions kept per key, at least 1 */
    public MemoryStateStore(int historyDepth) {
        if (historyDepth < 1) {
            throw new IllegalArgumentException("historyDepth must be >= 1, was " + historyDepth);
        }
        this.depth = historyDepth;
    }

    @Override
    public int historyDepth() {
        return depth;
    }

    @Override
    public List<Saved<S>> versions(String key) {
        return current.getOrDefault(key, List.of());
    }

    @Override
    public void save(String key, Saved<S> version) {
        current.compute(key, (k, old) -> {
            long newest = old == null ? 0 : old.get(0).revision();
            if (version.revision() != newest + 1) {
                throw new StaleRevisionException(key, newest, version.revision());
            }
            List<Saved<S>> next = new ArrayList<>(depth);
            next.add(version);
            if (old != null) {
                next.addAll(old.subList(0, Math.min(old.size(), depth - 1)));
            }
            return List.copyOf(next);
        });
    }

    @Override
    public List<Saved<S>> discardAfter(String key, long revision) {
        List<Saved<S>> removed = new ArrayList<>();
        current.computeIfPresent(key, (k, old) -> {
            List<Saved<S>> keep = new ArrayList<>();
            for (Saved<S> v : old) {
                (v.revision() > revision ? removed : keep).add(v);
            }
            return keep.isEmpty() ? null : List.copyOf(keep);
        });
        return List.copyOf(removed);
    }

    @Override
    public boolean delete(String key) {
        return current.remove(key) != null;
    }

    @Override
    public List<String> keys() {
        return List.copyOf(current.keySet());
    }

    @Override
    public void quarantine(String key, String reason) {
        current.compute(key, (k, old) -> {
            aside.put(key, new Quarantined<>(key, reason, Instant.now(), old == null ? List.of() : old));
            return null;
        });
    }

    @Override
    public Optional<Quarantined<S>> quarantined(String key) {
        return Optional.ofNullable(aside.get(key));
    }

    @Override
    public List<String> quarantinedKeys() {
        return List.copyOf(aside.keySet());
    }

    @Override
    public Optional<Quarantined<S>> release(String key) {
        Quarantined<S> q = aside.remove(key);
        if (q != null && !q.versions().isEmpty()) {
            current.put(key, q.versions());
        }
        return Optional.ofNullable(q);
    }
}
