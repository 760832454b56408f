package io.islands.storage;

import io.islands.runtime.checkpoint.MemoryStateStore;
import io.islands.runtime.checkpoint.Quarantined;
import io.islands.runtime.checkpoint.Saved;
import io.islands.runtime.checkpoint.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code memory:}: the runtime's {@link MemoryStateStore} (the book's ETS table) as a
 * {@link CloseableStateStore}. Nothing survives the JVM; save times are not recorded.
 */
final class MemoryStore<S> implements CloseableStateStore<S> {
    private final MemoryStateStore<S> table;
    private final AtomicLong saves = new AtomicLong();
    private volatile boolean closed;

    MemoryStore(int historyDepth) {
        this.table = new MemoryStateStore<>(historyDepth);
    }

    private MemoryStateStore<S> open() {
        if (closed) {
            throw new StoreException("memory: the store is closed");
        }
        return table;
    }

    @Override
    public int historyDepth() {
        return table.historyDepth();
    }

    @Override
    public List<Saved<S>> versions(String key) {
        return open().versions(key);
    }

    @Override
    public void save(String key, Saved<S> version) {
        open().save(key, version);
        saves.incrementAndGet();
    }

    @Override
    public List<Saved<S>> discardAfter(String key, long revision) {
        return open().discardAfter(key, revision);
    }

    @Override
    public boolean delete(String key) {
        return open().delete(key);
    }

    @Override
    public List<String> keys() {
        return open().keys();
    }

    @Override
    public void quarantine(String key, String reason) {
        open().quarantine(key, reason);
    }

    @Override
    public Optional<Quarantined<S>> quarantined(String key) {
        return open().quarantined(key);
    }

    @Override
    public List<String> quarantinedKeys() {
        return open().quarantinedKeys();
    }

    @Override
    public Optional<Quarantined<S>> release(String key) {
        return open().release(key);
    }

    @Override
    public List<StoredVersion<S>> history(String key) {
        return versions(key).stream().map(v -> new StoredVersion<>(v, null)).toList();
    }

    @Override
    public List<KeySummary> summaries() {
        List<KeySummary> out = new ArrayList<>();
        for (String key : keys().stream().sorted().toList()) {
            List<Saved<S>> v = versions(key);
            if (!v.isEmpty()) {
                out.add(new KeySummary(key, v.get(0).revision(), v.size(), null));
            }
        }
        return out;
    }

    @Override
    public String describe() {
        return "memory:";
    }

    @Override
    public StoreCounters counters() {
        long n = saves.get();
        return new StoreCounters(n, n);
    }

    @Override
    public void close() {
        closed = true;
    }
}
