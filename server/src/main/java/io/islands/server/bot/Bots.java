package io.islands.server.bot;

import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.Name;
import io.islands.runtime.Pid;
import io.islands.runtime.StartResult;
import io.islands.runtime.supervisor.ChildSpec;
import io.islands.runtime.supervisor.DynamicSupervisor;
import io.islands.runtime.supervisor.Restart;
import io.islands.runtime.supervisor.SupervisorError;
import io.islands.server.logging.LogText;
import io.islands.server.phoenix.LocalSocket;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The computer players: a named dynamic supervisor of {@link BotPlayer} processes, one per bot
 * game, and the table of what each needs to come back after a crash (its game, name, seed,
 * invitation and seat token). The table lives here, outside the processes, as an ETS table
 * outlives the process that writes it; what the bot knows of the game it reads again from its
 * player view.
 *
 * <p>Design note: {@link #start} may be called from any channel process at once. The table is a
 * concurrent map keyed by game; a start reserves its game with {@code putIfAbsent} after checking
 * the bound, so two starts for one game start one bot, and the bound holds but for a race of at
 * most the starts running at once (the supervisor's {@code maxChildren}, the same number, is the
 * hard bound). Counters are atomics. An entry leaves the table when its bot stops for good: it
 * finished ({@link #finished}, counted won or lost once), gave up ({@link #stopped}), or its
 * supervisor gave up restarting it.
 */
public final class Bots {
    private static final Logger LOG = LoggerFactory.getLogger(Bots.class);

    /**
     * @param maxGames  bot games playing at once (0: no computer opponent); each is also an
     *                  ordinary game, under every limit a game has
     * @param moveDelay how long a bot waits before each move, 0 to 1 minute
     * @param seed      seeds each bot's random choices (placement, ties), for tests; null: random
     * @param abandoned a bot whose game has had no move for this long gives its game up, so that
     *                  games left by their person do not hold the bound of bot games
     */
    public record Config(int maxGames, Duration moveDelay, Long seed, Duration abandoned) {
        public static final int DEFAULT_MAX_GAMES = 50;
        public static final Duration DEFAULT_MOVE_DELAY = Duration.ofMillis(700);
        public static final Duration DEFAULT_ABANDONED = Duration.ofMinutes(10);

        /** With the default {@link #DEFAULT_ABANDONED}. */
        public Config(int maxGames, Duration moveDelay, Long seed) {
            this(maxGames, moveDelay, seed, DEFAULT_ABANDONED);
        }

        public Config {
            if (maxGames < 0) {
                throw new IllegalArgumentException("maxBotGames needs at least 0, not " + maxGames);
            }
            Objects.requireNonNull(moveDelay, "moveDelay");
            if (moveDelay.isNegative() || moveDelay.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("botMoveDelay needs 0 to 1 minute, not " + moveDelay);
            }
            Objects.requireNonNull(abandoned, "abandoned");
            if (abandoned.isNegative() || abandoned.isZero()) {
                throw new IllegalArgumentException("abandoned needs a positive duration, not " + abandoned);
            }
        }

        public static Config defaults() {
            return new Config(DEFAULT_MAX_GAMES, DEFAULT_MOVE_DELAY, null);
        }
    }

    /**
     * A bot's lasting facts; its seat token is learnt at its first join (kept in {@code seat}).
     *
     * @param invitation the game's invitation player 1 gave, or null
     */
    record BotSeat(String game, String name, long seed, String invitation, AtomicReference<String> seat) {
        String token() {
            return seat.get();
        }

        void token(String value) {
            if (value != null) {
                seat.set(value);
            }
        }
    }

    /** The screen name of the computer in its games (another if player 1 took it). */
    public static final String NAME = "computer";

    private final Config config;
    private final Name supervisorName;
    private final BiFunction<Pid, String, Optional<LocalSocket>> connector;
    private final Duration heartbeat;
    private final ConcurrentHashMap<String, BotSeat> playing = new ConcurrentHashMap<>();
    private final SplittableRandom seeds;
    private final AtomicLong won = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();

    /**
     * @param idleTimeout the server's idle socket timeout: a bot sends a heartbeat every half of
     *     it (at most every 30 s, as phoenix.js), so its socket is never closed as idle
     * @param connector opens a bot's socket ({@code PhoenixServer#connectLocal}) for an owner
     *     process and a label; called in the bot's process
     */
    public Bots(Config config, Name supervisorName, Duration idleTimeout,
                BiFunction<Pid, String, Optional<LocalSocket>> connector) {
        this.config = Objects.requireNonNull(config);
        Duration half = idleTimeout.dividedBy(2);
        this.heartbeat = half.compareTo(BotPlayer.HEARTBEAT) < 0 ? half : BotPlayer.HEARTBEAT;
        this.supervisorName = Objects.requireNonNull(supervisorName);
        this.connector = Objects.requireNonNull(connector);
        this.seeds = config.seed() == null ? new SplittableRandom() : new SplittableRandom(config.seed());
    }

    /**
     * @return the spec of the bots' dynamic supervisor, registered under its name; when it is
     *     started again after a crash (its bots died with it), it starts a bot again for each game
     *     of the table, which carries on from its game's saved state
     */
    public ChildSpec childSpec(Object id) {
        DynamicSupervisor.Options options = DynamicSupervisor.Options.defaults()
                .withMaxChildren(config.maxGames())
                .withIntensity(DynamicSupervisor.UNLIMITED, Duration.ofSeconds(5))
                .withMaxRestartsPerChild(5, Duration.ofSeconds(10))
                .withName(supervisorName)
                .withOnGiveUp(given -> {
                    if (given.id() instanceof String game) {
                        playing.remove(game);
                    }
                });
        return ChildSpec.supervisor(id, () -> {
            StartResult started = DynamicSupervisor.startLink(options);
            if (started instanceof StartResult.Ok(Pid sup)) {
                for (BotSeat entry : playing.values()) {
                    if (!(startBot(sup, entry) instanceof StartResult.Ok)) {
                        playing.remove(entry.game(), entry);
                    }
                }
            }
            return started;
        });
    }

    private StartResult startBot(Pid sup, BotSeat entry) {
        return DynamicSupervisor.startChild(sup, ChildSpec.worker(entry.game(), () -> GenServer.startLink(
                        new BotPlayer(this, entry), GenServer.StartOptions.DEFAULT.withLabel("bot " + LogText.clean(entry.game(), 60))))
                .withRestart(Restart.TRANSIENT));
    }

    /**
     * Starts a computer player for seat 2 of {@code game} (a valid, started game name; the
     * caller checked who asks). Returns at once: the bot joins and plays from its own process.
     *
     * @param invitation the game's invitation if it has one (player 1 gives it), else null
     * @return empty when a bot was started; else why not: {@code bot_already_playing},
     *     {@code bots_busy} (the bound of bot games is reached, or is 0), {@code unavailable}
     *     (the bots' supervisor is not running)
     */
    public Optional<String> start(String game, String invitation) {
        if (playing.containsKey(game)) {
            return Optional.of("bot_already_playing");
        }
        if (playing.size() >= config.maxGames()) {
            return Optional.of("bots_busy");
        }
        long seed;
        synchronized (seeds) {
            seed = seeds.nextLong();
        }
        BotSeat entry = new BotSeat(game, game.equals(NAME) ? NAME + "-2" : NAME, seed, invitation, new AtomicReference<>());
        if (playing.putIfAbsent(game, entry) != null) {
            return Optional.of("bot_already_playing");
        }
        Optional<Pid> sup = supervisorName.whereis();
        StartResult started = sup.isEmpty() ? null : startBot(sup.get(), entry);
        if (!(started instanceof StartResult.Ok)) {
            playing.remove(game, entry);
            boolean full = started instanceof StartResult.Error(ExitReason reason)
                    && reason.equals(ExitReason.other(SupervisorError.MAX_CHILDREN));
            return Optional.of(full ? "bots_busy" : "unavailable");
        }
        LOG.info("bot started for game {} (seed {})", LogText.clean(game, 60), seed);
        return Optional.empty();
    }

    /** @return bot games playing now */
    public int running() {
        return playing.size();
    }

    /** @return bot games the bot won since the start */
    public long won() {
        return won.get();
    }

    /** @return bot games the bot lost since the start */
    public long lost() {
        return lost.get();
    }

    Config config() {
        return config;
    }

    Duration heartbeat() {
        return heartbeat;
    }

    Optional<LocalSocket> connect(Pid owner, String game) {
        return connector.apply(owner, "bot " + LogText.clean(game, 60));
    }

    /** The game of {@code entry} is over: counted once, and the entry leaves the table. */
    void finished(BotSeat entry, boolean botWon) {
        if (playing.remove(entry.game(), entry)) {
            (botWon ? won : lost).incrementAndGet();
        }
    }

    /** The bot of {@code entry} stopped for good. */
    void stopped(BotSeat entry) {
        playing.remove(entry.game(), entry);
    }
}
