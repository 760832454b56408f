package io.islands.server.ops;

import io.islands.runtime.checkpoint.Quarantined;
import io.islands.runtime.checkpoint.Saved;
import io.islands.runtime.checkpoint.StateStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link StateStore} that times its writes ({@code islands_store_write_seconds{op}}: save,
 * discard, delete, quarantine, release) and counts the operations that throw
 * ({@code islands_store_errors_total{op}}, reads included), then behaves exactly as the store
 * it wraps: same results, same exceptions, same atomicity.
 */
final class TimedStateStore<S> implements StateStore<S> {
    private final StateStore<S> store;
    private final MeterRegistry registry;
    private final Timer save;
    private final Timer discard;
    private final Timer delete;
    private final Timer quarantine;
    private final Timer release;

    TimedStateStore(StateStore<S> store, MeterRegistry registry) {
        this.store = store;
        this.registry = registry;
        save = timer("save");
        discard = timer("discard");
        delete = timer("delete");
        quarantine = timer("quarantine");
        release = timer("release");
    }

    private Timer timer(String op) {
        return Timer.builder("islands.store.write").description("store writes by operation")
                .tag("op", op).serviceLevelObjectives(Metrics.BUCKETS).register(registry);
    }

    private <T> T counted(String op, Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            Counter.builder("islands.store.errors").description("store operations that failed, by operation")
                    .tag("op", op).register(registry).increment();
            throw e;
        }
    }

    private <T> T timed(Timer timer, String op, Supplier<T> action) {
        return timer.record(() -> counted(op, action));
    }

    @Override
    public int historyDepth() {
        return store.historyDepth();
    }

    @Override
    public List<Saved<S>> versions(String key) {
        return counted("versions", () -> store.versions(key));
    }

    @Override
    public Map<String, List<Saved<S>>> versionsOf(List<String> keys) {
        return counted("versions", () -> store.versionsOf(keys));
    }

    @Override
    public Optional<Saved<S>> newest(String key) {
        return counted("newest", () -> store.newest(key));
    }

    @Override
    public void save(String key, Saved<S> version) {
        timed(save, "save", () -> {
            store.save(key, version);
            return null;
        });
    }

    @Override
    public List<Saved<S>> discardAfter(String key, long revision) {
        return timed(discard, "discard", () -> store.discardAfter(key, revision));
    }

    @Override
    public boolean delete(String key) {
        return timed(delete, "delete", () -> store.delete(key));
    }

    @Override
    public List<String> keys() {
        return counted("keys", store::keys);
    }

    @Override
    public void quarantine(String key, String reason) {
        timed(quarantine, "quarantine", () -> {
            store.quarantine(key, reason);
            return null;
        });
    }

    @Override
    public Optional<Quarantined<S>> quarantined(String key) {
        return counted("quarantined", () -> store.quarantined(key));
    }

    @Override
    public List<String> quarantinedKeys() {
        return counted("quarantined_keys", store::quarantinedKeys);
    }

    @Override
    public Optional<Quarantined<S>> release(String key) {
        return timed(release, "release", () -> store.release(key));
    }
}
