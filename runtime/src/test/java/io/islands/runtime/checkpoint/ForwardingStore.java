package io.islands.runtime.checkpoint;

import java.util.List;
import java.util.Optional;

/** A store that forwards to another; tests override one method to inject a real failure mode. */
class ForwardingStore<S> implements StateStore<S> {
    private final StateStore<S> to;

    ForwardingStore(StateStore<S> to) {
        this.to = to;
    }

    @Override public int historyDepth() { return to.historyDepth(); }
    @Override public List<Saved<S>> versions(String key) { return to.versions(key); }
    @Override public void save(String key, Saved<S> version) { to.save(key, version); }
    @Override public List<Saved<S>> discardAfter(String key, long revision) { return to.discardAfter(key, revision); }
    @Override public boolean delete(String key) { return to.delete(key); }
    @Override public List<String> keys() { return to.keys(); }
    @Override public void quarantine(String key, String reason) { to.quarantine(key, reason); }
    @Override public Optional<Quarantined<S>> quarantined(String key) { return to.quarantined(key); }
    @Override public List<String> quarantinedKeys() { return to.quarantinedKeys(); }
    @Override public Optional<Quarantined<S>> release(String key) { return to.release(key); }
}
