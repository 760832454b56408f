package io.islands.server.phoenix;

import io.islands.runtime.Down;
import io.islands.runtime.From;
import io.islands.runtime.GenServer;
import io.islands.runtime.InitResult;
import io.islands.runtime.MonitorRef;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.Result;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The process behind {@link Presence}. It monitors each tracked channel and, on its Down,
 * drops the channel's entries and broadcasts them as leaves. State is confined to this process.
 */
final class PresenceTracker implements GenServer<PresenceTracker.Presences> {
    record Track(Pid channel, String topic, String key, Map<String, ?> meta) {}

    record Untrack(Pid channel, String topic, String key) {}

    record ListTopic(String topic) {}

    /** The payload of presence_diff. */
    record Diff(Map<String, Presence.Entry> joins, Map<String, Presence.Entry> leaves) {}

    private record Tracked(Pid channel, String key, Map<String, Object> meta) {}

    static final class Presences {
        final Map<String, List<Tracked>> byTopic = new HashMap<>();
        final Map<Pid, MonitorRef> monitors = new HashMap<>();
        /** The topics each channel has an entry in: a channel's Down touches only those. */
        final Map<Pid, Set<String>> topicsOf = new HashMap<>();
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    static final String DIFF_EVENT = "presence_diff";

    private final PubSub pubSub;

    PresenceTracker(PubSub pubSub) {
        this.pubSub = pubSub;
    }

    @Override
    public InitResult<Presences> init() {
        return InitResult.ok(new Presences());
    }

    @Override
    public Result<Presences> handleCall(Object request, From from, Presences s) {
        return switch (request) {
            case Track t -> Result.reply(track(t, s), s);
            case Untrack u -> {
                untrack(u.topic(), e -> e.channel().equals(u.channel()) && e.key().equals(u.key()), s);
                forgetIfUntracked(u.channel(), s);
                yield Result.reply(true, s);
            }
            case ListTopic l -> Result.reply(group(s.byTopic.getOrDefault(l.topic(), List.of())), s);
            default -> throw new IllegalArgumentException("unexpected call " + request);
        };
    }

    @Override
    public Result<Presences> handleInfo(Object message, Presences s) {
        if (message instanceof Down d && s.monitors.remove(d.pid()) != null) {
            // only the channel's own topics: a scan of every topic per Down made the tracker's
            // work quadratic when many sockets closed at once (1,000: 100-570 ms per message)
            for (String topic : List.copyOf(s.topicsOf.getOrDefault(d.pid(), Set.of()))) {
                untrack(topic, e -> e.channel().equals(d.pid()), s);
            }
            s.topicsOf.remove(d.pid());
        }
        return Result.noReply(s);
    }

    private boolean track(Track t, Presences s) {
        List<Tracked> entries = s.byTopic.computeIfAbsent(t.topic(), k -> new ArrayList<>());
        for (Tracked e : entries) {
            if (e.channel().equals(t.channel()) && e.key().equals(t.key())) {
                return false;
            }
        }
        Map<String, Object> meta = new LinkedHashMap<>(t.meta());
        meta.put("phx_ref", newRef());
        Tracked added = new Tracked(t.channel(), t.key(), Collections.unmodifiableMap(meta));
        entries.add(added);
        s.topicsOf.computeIfAbsent(t.channel(), k -> new HashSet<>()).add(t.topic());
        s.monitors.computeIfAbsent(t.channel(), Proc::monitor);
        pubSub.broadcast(t.topic(), DIFF_EVENT, new Diff(group(List.of(added)), Map.of()), null);
        return true;
    }

    private void untrack(String topic, Predicate<Tracked> which, Presences s) {
        List<Tracked> entries = s.byTopic.get(topic);
        if (entries == null) {
            return;
        }
        List<Tracked> gone = entries.stream().filter(which).toList();
        if (gone.isEmpty()) {
            return;
        }
        entries.removeAll(gone);
        if (entries.isEmpty()) {
            s.byTopic.remove(topic);
        }
        for (Tracked g : gone) {
            if (entries.stream().noneMatch(e -> e.channel().equals(g.channel()))) {
                Set<String> topics = s.topicsOf.get(g.channel());
                if (topics != null) {
                    topics.remove(topic);
                }
            }
        }
        pubSub.broadcast(topic, DIFF_EVENT, new Diff(Map.of(), group(gone)), null);
    }

    private void forgetIfUntracked(Pid channel, Presences s) {
        Set<String> topics = s.topicsOf.get(channel);
        if (topics == null || topics.isEmpty()) {
            s.topicsOf.remove(channel);
            MonitorRef ref = s.monitors.remove(channel);
            if (ref != null) {
                Proc.demonitor(ref);
            }
        }
    }

    private static Map<String, Presence.Entry> group(List<Tracked> entries) {
        Map<String, List<Map<String, Object>>> metas = new LinkedHashMap<>();
        for (Tracked e : entries) {
            metas.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e.meta());
        }
        Map<String, Presence.Entry> out = new LinkedHashMap<>();
        metas.forEach((k, v) -> out.put(k, new Presence.Entry(v)));
        return out;
    }

    /** @return a random ref like Phoenix's (base64url, 12 characters) */
    private static String newRef() {
        byte[] b = new byte[9];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
