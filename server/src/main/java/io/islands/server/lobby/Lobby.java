package io.islands.server.lobby;

import io.islands.runtime.Down;
import io.islands.runtime.GenServer;
import io.islands.runtime.IdleTimeout;
import io.islands.runtime.InitResult;
import io.islands.runtime.From;
import io.islands.runtime.Name;
import io.islands.runtime.Next;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.Registry;
import io.islands.runtime.Result;
import io.islands.runtime.supervisor.ChildSpec;
import io.islands.server.game.SeatsRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lobby (docs/protocol.md §9): the open games (started, waiting for a second player, created
 * without an invitation), pushed to every channel joined to the {@code lobby} topic.
 *
 * <p>Design note: one process, registered under the name given and supervised by the server,
 * keeps the list while someone watches, and only then. Its watchers are the lobby channels,
 * registered by themselves in a {@link Registry} (their entries die with them, and outlive a
 * crash of the lobby process). A game channel calls {@link #touched} when a game's seats or
 * start change (never on a move); with no watcher registered that is one read of the registry's
 * count and nothing else, so the lobby costs nothing per game while nobody looks. When the first
 * watcher arrives (or the process starts again after a crash while channels watch) the process
 * rebuilds the list from the seat records, the source of truth; from then on each touch re-reads
 * that one game's record. Order of the two sides: a game channel writes its seat record, then
 * reads the count; a watcher registers, then asks for the list, which the rebuild reads after: a
 * change is either touched or seen by the rebuild. When the last watcher leaves, the list is
 * dropped.
 *
 * <p>Bounds: the process keeps at most {@link #MAX_KEPT} open games (the newest), sends the
 * newest {@link #MAX_LISTED}, and broadcasts at most once per {@code minInterval}: changes in
 * between are folded into the next list. Every name listed passed the name rule when its seat was
 * taken and is checked again here ({@code validName}), so a list carries no client text that the
 * rule did not admit. The process state is immutable (copied on change; at most MAX_KEPT entries).
 */
public final class Lobby {
    /** The topic of the lobby channel. */
    public static final String TOPIC = "lobby";
    /** Open games sent in one list (the newest). */
    public static final int MAX_LISTED = 100;
    /** Open games kept by the process (the newest). */
    static final int MAX_KEPT = 1_000;
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicLong INSTANCES = new AtomicLong();
    private static final String KEY = "watchers";

    private final Function<String, Optional<Long>> openSince;
    private final Supplier<List<String>> allGames;
    private final Function<String, Boolean> validName;
    private final BiConsumer<String, Object> broadcast;
    private final LongSupplier clockMillis;
    private final Duration minInterval;
    private final Name name;
    private final Registry watchers = Registry.duplicate("islands.lobby.watchers." + INSTANCES.incrementAndGet());
    private final AtomicInteger listed = new AtomicInteger();
    private final AtomicLong broadcasts = new AtomicLong();
    private final AtomicLong touches = new AtomicLong();

    /**
     * @param openSince   a game's creation time (epoch ms) when it is open now (started, one seat,
     *                    no invitation), else empty; reads the seat store
     * @param allGames    every game with a seat record (for the rebuild)
     * @param validName   the name rule (defence in depth: a name that fails it is never listed)
     * @param broadcast   sends (event, payload) to every channel on {@link #TOPIC}
     * @param clockMillis now, in epoch milliseconds
     * @param minInterval the least time between two broadcasts
     * @param name        the lobby process's name; start it with {@link #childSpec}
     */
    public Lobby(Function<String, Optional<Long>> openSince, Supplier<List<String>> allGames,
            Function<String, Boolean> validName, BiConsumer<String, Object> broadcast, LongSupplier clockMillis,
            Duration minInterval, Name name) {
        this.openSince = Objects.requireNonNull(openSince);
        this.allGames = Objects.requireNonNull(allGames);
        this.validName = Objects.requireNonNull(validName);
        this.broadcast = Objects.requireNonNull(broadcast);
        this.clockMillis = Objects.requireNonNull(clockMillis);
        this.minInterval = Objects.requireNonNull(minInterval);
        this.name = Objects.requireNonNull(name);
    }

    /**
     * Whether a game is open, from its live seat record: started, only its creator seated (player
     * 1, the seat of the game's own name), created without an invitation.
     *
     * @return the record's creation time (epoch ms) when open, else empty
     */
    public static Optional<Long> openSince(String game, Optional<SeatsRecord> record) {
        return record.filter(r -> r.started() && r.invitation() == null && r.tokens().size() == 1
                && r.tokens().containsKey(game)).map(SeatsRecord::created);
    }

    /** @return a permanent worker spec of the lobby process, registered under its name */
    public ChildSpec childSpec(Object id) {
        return ChildSpec.worker(id, () -> GenServer.startLink(new Keeper(), GenServer.StartOptions.named(name)));
    }

    /** @return the lobby process's name */
    public Name name() {
        return name;
    }

    /**
     * A game's seats or start changed: when someone watches, the lobby re-reads it (a cast, so
     * the caller never waits); else nothing. Any thread; call it after the change is written.
     */
    public void touched(String game) {
        if (watchers.count() > 0) {
            GenServer.cast(name, new Touched(game));
        }
    }

    /**
     * Makes the calling process (a lobby channel) a watcher until it exits, and returns the list
     * now, as the {@code games} broadcast carries it.
     *
     * @throws io.islands.runtime.ExitException when the lobby process does not answer in time
     */
    Map<String, Object> watch() {
        if (watchers.lookup(KEY).stream().noneMatch(e -> e.pid().equals(Proc.self()))) {
            watchers.register(KEY, Boolean.TRUE);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> list = (Map<String, Object>) GenServer.call(name, new Watch(Proc.self()), CALL_TIMEOUT);
        return list;
    }

    /** @return the open games in the latest list (0 while nobody watches), for metrics */
    public int listed() {
        return listed.get();
    }

    /** @return the number of lobby channels watching now */
    public int watching() {
        return watchers.count();
    }

    /** @return the touches the lobby process has handled (for tests: none while nobody watches) */
    long touchesHandled() {
        return touches.get();
    }

    /** @return the lists broadcast so far (for tests of the rate bound) */
    public long broadcasts() {
        return broadcasts.get();
    }

    private record Touched(String game) {}

    private record Watch(Pid channel) {}

    /**
     * The process state.
     *
     * @param open      game to creation time, or null while nobody watches
     * @param watched   watchers this process monitors
     * @param dirty     the list changed since the last broadcast
     * @param lastSent  when the last broadcast went out (epoch ms)
     */
    private record State(Map<String, Long> open, int watched, boolean dirty, long lastSent) {}

    private final class Keeper implements GenServer<State> {
        @Override
        public InitResult<State> init() {
            // after a crash the channels still watch: monitor them again and rebuild the list
            List<Registry.Entry> now = watchers.lookup(KEY);
            for (Registry.Entry e : now) {
                Proc.monitor(e.pid());
            }
            State s = new State(now.isEmpty() ? null : rebuild(), now.size(), !now.isEmpty(), 0);
            return InitResult.ok(s, next(s));
        }

        @Override
        public Result<State> handleCall(Object request, From from, State s) {
            if (!(request instanceof Watch w)) {
                throw new IllegalArgumentException("not a lobby call: " + request);
            }
            Proc.monitor(w.channel());
            Map<String, Long> open = s.open() == null ? rebuild() : s.open();
            State next = new State(open, s.watched() + 1, s.dirty(), s.lastSent());
            listed.set(Math.min(open.size(), MAX_LISTED));
            return Result.reply(list(open), next, next(next));
        }

        @Override
        public Result<State> handleCast(Object request, State s) {
            if (!(request instanceof Touched t)) {
                throw new IllegalArgumentException("not a lobby cast: " + request);
            }
            touches.incrementAndGet();
            if (s.open() == null) {
                return after(s);
            }
            Optional<Long> since = validName.apply(t.game()) ? openSince.apply(t.game()) : Optional.empty();
            Long before = s.open().get(t.game());
            if (Objects.equals(before, since.orElse(null))) {
                return after(s);
            }
            Map<String, Long> open = new HashMap<>(s.open());
            if (since.isPresent()) {
                open.put(t.game(), since.get());
            } else {
                open.remove(t.game());
            }
            return after(new State(newest(open, MAX_KEPT), s.watched(), true, s.lastSent()));
        }

        @Override
        public Result<State> handleInfo(Object message, State s) {
            if (message instanceof Down) {
                int watched = Math.max(0, s.watched() - 1);
                if (watched == 0) {
                    listed.set(0);
                    return Result.noReply(new State(null, 0, false, s.lastSent()));
                }
                return after(new State(s.open(), watched, s.dirty(), s.lastSent()));
            }
            return after(s); // IdleTimeout: the throttled broadcast is due
        }

        /** Broadcasts the list when it changed and the interval has passed; else waits for that. */
        private Result<State> after(State s) {
            if (!s.dirty() || s.open() == null) {
                return Result.noReply(s);
            }
            long now = clockMillis.getAsLong();
            long wait = s.lastSent() + minInterval.toMillis() - now;
            if (wait > 0) {
                return Result.noReply(s, Next.timeout(Duration.ofMillis(wait)));
            }
            listed.set(Math.min(s.open().size(), MAX_LISTED));
            broadcast.accept("games", list(s.open()));
            broadcasts.incrementAndGet();
            return Result.noReply(new State(s.open(), s.watched(), false, now));
        }

        private Next next(State s) {
            return s.dirty() ? Next.timeout(Duration.ZERO) : Next.NONE;
        }
    }

    /** Every open game, from the seat records: a scan, run only when the first watcher arrives. */
    private Map<String, Long> rebuild() {
        Map<String, Long> open = new HashMap<>();
        for (String game : allGames.get()) {
            if (validName.apply(game)) {
                openSince.apply(game).ifPresent(t -> open.put(game, t));
            }
        }
        return newest(open, MAX_KEPT);
    }

    /** The {@code limit} newest entries of {@code open}, as an immutable map. */
    private static Map<String, Long> newest(Map<String, Long> open, int limit) {
        if (open.size() <= limit) {
            return Map.copyOf(open);
        }
        Map<String, Long> kept = new HashMap<>();
        open.entrySet().stream().sorted(NEWEST_FIRST).limit(limit).forEach(e -> kept.put(e.getKey(), e.getValue()));
        return Map.copyOf(kept);
    }

    private static final Comparator<Map.Entry<String, Long>> NEWEST_FIRST =
            Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

    /** {@code {"games": [{"game", "creator", "age_ms"}...], "total": n}}: the newest {@link #MAX_LISTED}. */
    private Map<String, Object> list(Map<String, Long> open) {
        long now = clockMillis.getAsLong();
        List<Map<String, Object>> games = new ArrayList<>();
        open.entrySet().stream().sorted(NEWEST_FIRST).limit(MAX_LISTED).forEach(e -> {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("game", e.getKey());
            g.put("creator", e.getKey()); // a game is named after its creator (player 1)
            g.put("age_ms", Math.max(0, now - e.getValue()));
            games.add(g);
        });
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("games", games);
        payload.put("total", open.size());
        return payload;
    }
}
