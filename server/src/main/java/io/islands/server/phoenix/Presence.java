package io.islands.server.phoenix;

import io.islands.runtime.GenServer;
import io.islands.runtime.Name;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who is on a topic: a local {@code Phoenix.Presence}. A channel tracks itself under a key
 * (a screen name, say) with a meta map; the entry goes away when it untracks or when the
 * channel's process exits (leave, disconnect, crash). Each change is broadcast on the topic as
 * {@code presence_diff} {@code {"joins": {key: {"metas": [...]}}, "leaves": {...}}}, each meta
 * carrying a unique {@code phx_ref}. One tracker process per server serializes the changes; it
 * is supervised and registered by name, and this object calls the name, never a pid: a tracker
 * that dies is replaced by its supervisor (its entries are lost with it, as Phoenix's are; a
 * channel that joins afterwards is tracked by the new one), and calls in between fail with an
 * {@link io.islands.runtime.ExitException} noproc. Immutable.
 */
public final class Presence {
    /** The presences of one key: JSON {@code {"metas": [meta, ...]}}. */
    public record Entry(List<Map<String, Object>> metas) {
        public Entry {
            metas = List.copyOf(metas);
        }
    }

    private final Name tracker;
    private final BroadcastRelay relay;

    Presence(Name tracker, BroadcastRelay relay) {
        this.tracker = tracker;
        this.relay = relay;
    }

    /**
     * Tracks the channel of {@code ctx} on its topic under {@code key}. Any thread.
     *
     * @return false, changing nothing, if that channel already tracks {@code key}
     */
    public boolean track(ChannelContext ctx, String key, Map<String, ?> meta) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(meta, "meta");
        return (Boolean) GenServer.call(tracker, new PresenceTracker.Track(ctx.pid(), ctx.topic(), key, Map.copyOf(meta)));
    }

    /** Stops tracking the channel of {@code ctx} under {@code key}; nothing if it did not. */
    public void untrack(ChannelContext ctx, String key) {
        GenServer.call(tracker, new PresenceTracker.Untrack(ctx.pid(), ctx.topic(), key));
    }

    /**
     * @return the presences on {@code topic} by key, in the order the keys were first tracked, this
     *     server's first, then those of the other servers of a cluster ({@link BroadcastRelay});
     *     Jackson writes it as Phoenix's {@code Presence.list}
     */
    public Map<String, Entry> list(String topic) {
        List<Map<String, Entry>> remote = relay.remotePresences(topic);
        Map<String, Entry> local = local(topic);
        if (remote.isEmpty()) {
            return local;
        }
        Map<String, List<Map<String, Object>>> metas = new java.util.LinkedHashMap<>();
        java.util.stream.Stream.concat(java.util.stream.Stream.of(local), remote.stream()).forEach(server ->
                server.forEach((key, entry) -> metas.computeIfAbsent(key, k -> new java.util.ArrayList<>())
                        .addAll(entry.metas())));
        Map<String, Entry> out = new java.util.LinkedHashMap<>();
        metas.forEach((key, m) -> out.put(key, new Entry(m)));
        return out;
    }

    /** @return the presences on {@code topic} tracked by this server alone, as {@link #list} orders them */
    @SuppressWarnings("unchecked")
    public Map<String, Entry> local(String topic) {
        return (Map<String, Entry>) GenServer.call(tracker, new PresenceTracker.ListTopic(topic));
    }

    /** @return the name the tracker is registered under */
    Name tracker() {
        return tracker;
    }
}
