package io.islands.server.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.islands.engine.game.GameState;
import io.islands.engine.game.RulesState;
import io.islands.runtime.GenServer;
import io.islands.runtime.IdleTimeout;
import io.islands.runtime.InitResult;
import io.islands.runtime.Name;
import io.islands.runtime.Next;
import io.islands.runtime.Result;
import io.islands.runtime.checkpoint.Quarantined;
import io.islands.runtime.checkpoint.Saved;
import io.islands.runtime.checkpoint.StateStore;
import io.islands.runtime.supervisor.ChildSpec;
import io.islands.server.logging.LogText;
import io.javalin.config.JavalinConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays of finished games (docs/protocol.md §12). The game store keeps only a game's newest
 * few versions (for the fallback after a poisoned save), so a game's history is recorded as it
 * is saved: {@link #recording} wraps the game store, and each version a game saves becomes one
 * step, the {@link MoveDiff} from the version before. When a save ends the game, the steps are
 * written as one JSON document to the {@code replays} key space of the replay store, kept for the
 * operator's retention ({@code --replay-retention}), then deleted by the {@code replay_sweeper}
 * process. Only finished games have replays, so a replay shows no secret of a game in play.
 *
 * <p>Design note: the steps of the games in play (each packed in an int, about 1 KB a game) are
 * held in a concurrent map keyed by game,
 * outside any process (a game process crash keeps them: the restarted game saves on from its
 * newest version). Each key is written only by its game's process, in its save, so a game's
 * steps are in save order. A history that cannot be followed (a save whose previous version the
 * recorder did not see: a server restart, a fallback that discarded versions, a change no single
 * move makes, or more than {@link #MAX_STEPS} steps) is marked broken and that game gets no
 * replay. Writing a replay never fails the game's save: a store error is logged and counted.
 */
public final class Replays {
    private static final Logger LOG = LoggerFactory.getLogger(Replays.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The most steps a replay holds (a game has about 220; placements may be repeated). */
    public static final int MAX_STEPS = 2_000;
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(1);
    /** The HTTP path of a replay: {@code GET /replays/<game>}. */
    public static final String PATH = "/replays/{game}";

    /** Steps of one game in play; {@code last} is the newest version saved; confined to its game's save. */
    private static final class Log {
        GameState last;
        int[] steps = new int[64];
        int size;
        boolean broken;
    }

    private final StateStore<String> store;
    private final Duration retention;
    private final LongSupplier clockMillis;
    private final Predicate<String> validName;
    private final ConcurrentHashMap<String, Log> logs = new ConcurrentHashMap<>();
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong unrecorded = new AtomicLong();
    private final AtomicLong served = new AtomicLong();

    /**
     * @param store     where replays are kept (a {@code replays} key space), one version per game
     * @param retention how long a replay is kept after its game ended
     * @param validName the server's rule for game names: other names are refused before any lookup
     */
    public Replays(StateStore<String> store, Duration retention, LongSupplier clockMillis, Predicate<String> validName) {
        this.store = Objects.requireNonNull(store);
        this.retention = Objects.requireNonNull(retention);
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("replayRetention needs a positive duration, not " + retention);
        }
        this.clockMillis = Objects.requireNonNull(clockMillis);
        this.validName = Objects.requireNonNull(validName);
    }

    /** @return {@code games} with every save also recorded as a replay step */
    public StateStore<GameState> recording(StateStore<GameState> games) {
        return new Recorder(games);
    }

    // ---- recording ---------------------------------------------------------------------------

    private void saved(String game, GameState state) {
        Log log = logs.get(game);
        if (log == null) {
            log = new Log();
            log.broken = !fresh(state); // the first save the recorder sees must be the game's start
            log.last = state;
            logs.put(game, log);
            return;
        }
        if (!log.broken) {
            OptionalInt step = MoveDiff.between(log.last, state);
            if (step.isPresent() && log.size < MAX_STEPS) {
                if (log.size == log.steps.length) {
                    log.steps = Arrays.copyOf(log.steps, Math.min(MAX_STEPS, 2 * log.size));
                }
                log.steps[log.size++] = step.getAsInt();
            } else if (!log.last.equals(state)) {
                log.broken = true;
            }
        }
        boolean over = state.rules().state() == RulesState.GAME_OVER && log.last.rules().state() != RulesState.GAME_OVER;
        log.last = state;
        if (over) {
            logs.remove(game);
            if (log.broken) {
                unrecorded.incrementAndGet();
            } else {
                List<Map<String, Object>> steps = new ArrayList<>(log.size);
                for (int i = 0; i < log.size; i++) {
                    steps.add(MoveDiff.json(log.steps[i]));
                }
                write(game, state, steps);
            }
        }
    }

    private static boolean fresh(GameState s) {
        return s.equals(GameState.fresh(s.player1().name()));
    }

    private void write(String game, GameState end, List<Map<String, Object>> steps) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("game", game);
        doc.put("players", Map.of("player1", end.player1().name(), "player2", end.player2().name()));
        doc.put("winner", steps.isEmpty() ? null : steps.getLast().get("player"));
        doc.put("finished_at", clockMillis.getAsLong());
        doc.put("steps", steps);
        try {
            String json = JSON.writeValueAsString(doc);
            long revision = store.newest(game).map(v -> v.revision() + 1).orElse(1L);
            store.save(game, new Saved<>(revision, json));
            recorded.incrementAndGet();
        } catch (JsonProcessingException | RuntimeException e) {
            unrecorded.incrementAndGet();
            LOG.warn("the replay of game {} was not saved", LogText.clean(game, 60), e);
        }
    }

    // ---- serving and expiry ------------------------------------------------------------------

    /**
     * @return the replay of finished game {@code game} as JSON ({@code game, players, winner,
     *     finished_at, steps}), or empty: no such replay, expired, or a name the server refuses
     */
    public Optional<String> replay(String game) {
        if (game == null || !validName.test(game)) {
            return Optional.empty();
        }
        Optional<String> json = store.newest(game).map(Saved::state).filter(j -> !expired(j));
        json.ifPresent(j -> served.incrementAndGet());
        return json;
    }

    /** Adds {@code GET /replays/<game>}: 200 with the replay, or 404. */
    public void install(JavalinConfig cfg) {
        cfg.routes.get(PATH, ctx -> {
            Optional<String> json = replay(ctx.pathParam("game"));
            if (json.isPresent()) {
                ctx.contentType("application/json").header("Cache-Control", "no-store").result(json.get());
            } else {
                ctx.status(404).json(Map.of("reason", "no_replay"));
            }
        });
    }

    private boolean expired(String json) {
        try {
            long finished = JSON.readTree(json).path("finished_at").asLong();
            return clockMillis.getAsLong() - finished >= retention.toMillis();
        } catch (JsonProcessingException e) {
            return true;
        }
    }

    /** Deletes the replays past the retention. @return how many */
    int sweep() {
        int deleted = 0;
        for (String game : store.keys()) {
            if (store.newest(game).map(v -> expired(v.state())).orElse(false) && store.delete(game)) {
                deleted++;
            }
        }
        return deleted;
    }

    /** @return the spec of the process that deletes expired replays, every quarter of the retention (1 s to 1 min) */
    public ChildSpec sweeperSpec(Object id, Name name) {
        Duration quarter = retention.dividedBy(4);
        Duration interval = quarter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : quarter.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : quarter;
        return ChildSpec.worker(id, () -> GenServer.startLink(new Sweeper(interval), GenServer.StartOptions.named(name)));
    }

    /** Sweeps on its timeout; a store error crashes it and its supervisor starts it again. */
    private final class Sweeper implements GenServer<Integer> {
        private final Duration interval;

        Sweeper(Duration interval) {
            this.interval = interval;
        }

        @Override
        public InitResult<Integer> init() {
            return InitResult.ok(0, Next.timeout(interval));
        }

        @Override
        public Result<Integer> handleInfo(Object message, Integer swept) {
            return Result.noReply(message instanceof IdleTimeout ? swept + sweep() : swept, Next.timeout(interval));
        }
    }

    /** @return replays written since the start */
    public long recorded() {
        return recorded.get();
    }

    /** @return finished games whose replay could not be written (a broken history, a store error) */
    public long unrecorded() {
        return unrecorded.get();
    }

    /** @return replays served since the start */
    public long served() {
        return served.get();
    }

    /** The game store, recording each save's step after the save succeeded. */
    private final class Recorder implements StateStore<GameState> {
        private final StateStore<GameState> inner;

        Recorder(StateStore<GameState> inner) {
            this.inner = inner;
        }

        @Override
        public int historyDepth() {
            return inner.historyDepth();
        }

        @Override
        public List<Saved<GameState>> versions(String key) {
            return inner.versions(key);
        }

        @Override
        public Map<String, List<Saved<GameState>>> versionsOf(List<String> keys) {
            return inner.versionsOf(keys);
        }

        @Override
        public Optional<Saved<GameState>> newest(String key) {
            return inner.newest(key);
        }

        @Override
        public void save(String key, Saved<GameState> version) {
            inner.save(key, version);
            try {
                saved(key, version.state());
            } catch (RuntimeException e) { // the game's save succeeded: recording never fails it
                markBroken(key);
                LOG.warn("the replay of game {} stopped recording", LogText.clean(key, 60), e);
            }
        }

        @Override
        public List<Saved<GameState>> discardAfter(String key, long revision) {
            markBroken(key);
            return inner.discardAfter(key, revision);
        }

        @Override
        public boolean delete(String key) {
            logs.remove(key);
            return inner.delete(key);
        }

        @Override
        public List<String> keys() {
            return inner.keys();
        }

        @Override
        public void quarantine(String key, String reason) {
            markBroken(key);
            inner.quarantine(key, reason);
        }

        @Override
        public Optional<Quarantined<GameState>> quarantined(String key) {
            return inner.quarantined(key);
        }

        @Override
        public List<String> quarantinedKeys() {
            return inner.quarantinedKeys();
        }

        @Override
        public Optional<Quarantined<GameState>> release(String key) {
            return inner.release(key);
        }

        private void markBroken(String key) {
            Log log = logs.get(key);
            if (log != null) {
                log.broken = true;
            }
        }
    }
}
