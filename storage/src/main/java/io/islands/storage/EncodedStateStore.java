package io.islands.storage;

import io.islands.runtime.checkpoint.Quarantined;
import io.islands.runtime.checkpoint.Saved;
import io.islands.runtime.checkpoint.StoreException;
import io.islands.runtime.checkpoint.UnreadableStateException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CloseableStateStore} over a {@link RawStore}: encodes states before they are
 * written and decodes them after they are read, in the caller's thread.
 *
 * <p>Reading a key whose stored JSON does not decode throws {@link UnreadableStateException}
 * naming the key, the revision and the codec's reason; other keys are not affected. Where
 * versions leave the store (discardAfter, quarantine records, release) an undecodable version
 * cannot be returned as a state: it is left out of the returned list and logged, and the
 * quarantine reason says how many were left out (they stay in the record, see {@code islands store show}).
 */
final class EncodedStateStore<S> implements CloseableStateStore<S> {
    private static final Logger LOG = LoggerFactory.getLogger(EncodedStateStore.class);

    private final RawStore raw;
    private final StateCodec<S> codec;
    private final int depth;

    EncodedStateStore(RawStore raw, StateCodec<S> codec, int historyDepth) {
        this.raw = Objects.requireNonNull(raw);
        this.codec = Objects.requireNonNull(codec);
        this.depth = historyDepth;
    }

    @Override
    public int historyDepth() {
        return depth;
    }

    @Override
    public List<Saved<S>> versions(String key) {
        return history(key).stream().map(StoredVersion::saved).toList();
    }

    @Override
    public Map<String, List<Saved<S>>> versionsOf(List<String> keys) {
        Map<String, List<Saved<S>>> out = new LinkedHashMap<>();
        raw.versions(keys, depth).forEach((key, versions) ->
                out.put(key, versions.stream().map(v -> decode(key, v)).toList()));
        return out;
    }

    @Override
    public Optional<Saved<S>> newest(String key) {
        List<RawVersion> newest = raw.versions(key, 1);
        return newest.isEmpty() ? Optional.empty() : Optional.of(decode(key, newest.get(0)));
    }

    @Override
    public List<StoredVersion<S>> history(String key) {
        List<StoredVersion<S>> out = new ArrayList<>();
        for (RawVersion v : raw.versions(key, depth)) {
            out.add(new StoredVersion<>(decode(key, v), v.savedAt()));
        }
        return List.copyOf(out);
    }

    @Override
    public void save(String key, Saved<S> version) {
        Objects.requireNonNull(key, "key");
        String json;
        try {
            json = codec.encode(version.state());
        } catch (RuntimeException e) {
            throw new StoreException("cannot encode the state of " + key + " revision " + version.revision() + ": " + e, e);
        }
        raw.save(key, version.revision(), Objects.requireNonNull(json, "codec.encode returned null"));
    }

    @Override
    public List<Saved<S>> discardAfter(String key, long revision) {
        return decodeLeaving(key, raw.discardAfter(key, revision), "discarded");
    }

    @Override
    public boolean delete(String key) {
        return raw.delete(key);
    }

    @Override
    public List<String> keys() {
        return raw.keys();
    }

    @Override
    public List<KeySummary> summaries() {
        return raw.summaries();
    }

    @Override
    public void quarantine(String key, String reason) {
        raw.quarantine(key, reason);
    }

    @Override
    public Optional<Quarantined<S>> quarantined(String key) {
        return raw.quarantined(key).map(this::decode);
    }

    @Override
    public List<String> quarantinedKeys() {
        return raw.quarantinedKeys();
    }

    @Override
    public Optional<Quarantined<S>> release(String key) {
        return raw.release(key).map(this::decode);
    }

    @Override
    public String describe() {
        return raw.describe();
    }

    @Override
    public StoreCounters counters() {
        return raw.counters();
    }

    @Override
    public void close() {
        raw.close();
    }

    @Override
    public String toString() {
        return describe();
    }

    private Saved<S> decode(String key, RawVersion v) {
        S state;
        try {
            state = codec.decode(v.json());
        } catch (Exception e) {
            throw new UnreadableStateException("saved state of " + key + " revision " + v.revision()
                    + " is unreadable: " + e.getMessage(), e);
        }
        if (state == null) {
            throw new UnreadableStateException("saved state of " + key + " revision " + v.revision()
                    + " is unreadable: it decodes to nothing", null);
        }
        return new Saved<>(v.revision(), state);
    }

    private Quarantined<S> decode(RawQuarantine q) {
        List<Saved<S>> versions = decodeLeaving(q.key(), q.versions(), "set aside");
        String reason = versions.size() == q.versions().size() ? q.reason()
                : q.reason() + " [" + (q.versions().size() - versions.size()) + " unreadable version(s) not shown]";
        return new Quarantined<>(q.key(), reason, q.at(), versions);
    }

    /** Decodes versions that have already left the store's current versions; skips and logs undecodable ones. */
    private List<Saved<S>> decodeLeaving(String key, List<RawVersion> versions, String what) {
        List<Saved<S>> out = new ArrayList<>(versions.size());
        for (RawVersion v : versions) {
            try {
                out.add(decode(key, v));
            } catch (UnreadableStateException e) {
                LOG.warn("{} version of {} left out: {}", what, key, e.getMessage());
            }
        }
        return List.copyOf(out);
    }
}
