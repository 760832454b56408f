package io.islands.server;

import io.islands.engine.game.GameState;
import io.islands.engine.process.Games;
import io.islands.server.game.GameChannel;
import io.islands.server.game.GameDefinition;
import io.islands.server.game.GameStateCodec;
import io.islands.server.game.Names;
import io.islands.server.game.Seats;
import io.islands.server.game.SeatsRecord;
import io.islands.server.ops.Metrics;
import io.islands.server.ops.OpsRoutes;
import io.islands.server.ops.Readiness;
import io.islands.server.observer.AdminToken;
import io.islands.server.observer.ObserverRoutes;
import io.islands.server.phoenix.PhoenixServer;
import io.islands.server.phoenix.RateLimit;
import io.islands.storage.CloseableStateStore;
import io.islands.storage.KeySpace;
import io.islands.storage.StateStores;
import io.islands.runtime.GenServer;
import io.islands.runtime.Pid;
import io.islands.runtime.supervisor.ChildSpec;
import io.islands.runtime.supervisor.Supervisor;
import io.islands.runtime.supervisor.SupervisorFlags;
import io.islands.server.game.SeatSweeper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole server: the game store and the seat store (same URL), the game supervisor, the
 * metrics, and the Phoenix server with {@code game:*}, the page, {@code /health}, {@code /ready},
 * {@code /metrics} and the observer ({@code /observer}, {@code /api}, behind
 * {@link #adminToken()}). {@link #close()} stops them in reverse order; saved games and seats
 * are kept.
 */
public final class IslandsServer implements AutoCloseable {
    /** Saved versions kept per game (fallback after a poisoned save needs more than one). */
    static final int GAME_HISTORY = 3;

    /** How long each readiness check may take. */
    static final Duration READY_CHECK_LIMIT = Duration.ofSeconds(2);

    private final CloseableStateStore<GameState> gameStore;
    private final CloseableStateStore<SeatsRecord> seatStore;
    private final Metrics metrics;
    private final Games games;
    private PhoenixServer server;
    private final Seats seats;
    /** The supervisor of the server's own long-lived processes (the seat sweeper). */
    private Pid services;
    private boolean closed;

    private final ServerConfig config;
    private final AdminToken adminToken;

    private IslandsServer(ServerConfig config) {
        this.config = config;
        this.adminToken = AdminToken.of(config.adminToken());
        String storeUrl = config.store();
        gameStore = StateStores.open(storeUrl, GameStateCodec.INSTANCE, GAME_HISTORY);
        try {
            seatStore = StateStores.open(storeUrl, SeatsRecord.CODEC, 1);
        } catch (RuntimeException e) {
            gameStore.close();
            throw e;
        }
        metrics = Metrics.start();
        // games in the root key space, seats in "seats", the server's own keys in "islands":
        // a name a client chooses can reach no other space (KeySpace)
        Games.Config defaults = Games.Config.defaults(KeySpace.root(metrics.timed(gameStore)));
        games = Games.start(new Games.Config(defaults.store(), config.gameIdleTimeout(),
                defaults.crashesBeforeFallback(), defaults.maxRestartsPerGame(), defaults.restartWindow(),
                config.gameCallTimeout()));
        Limits limits = config.limits();
        // a quarantined game still exists: its seats wait for the operator's release
        seats = new Seats(KeySpace.named(Seats.SPACE, seatStore),
                name -> GameChannel.started(games, name) || games.quarantineRecord(name).isPresent(),
                System::currentTimeMillis, limits.unstartedGameExpiry());
        Readiness readiness = Readiness.of(List.of(gameStore, seatStore), games::supervisor, READY_CHECK_LIMIT);
        GameChannel.EventTiming timing = metrics.gameEvents();
        Names names = new Names(limits.maxNameLength());
        try {
            server = PhoenixServer.builder().host(config.host()).port(config.port())
                    .idleTimeout(config.idleTimeout()).maxFrameBytes(config.maxFrameBytes())
                    .maxChannelsPerSocket(limits.maxChannelsPerSocket()).framesPerSecond(limits.framesPerSecond())
                    .maxSocketsPerAddress(limits.socketsPerAddress())
                    .mailbox(limits.mailboxMessages(), limits.mailboxChars())
                    .allowedOrigins(limits.allowedOrigins())
                    // each socket its own quota of games created, shared by its channels
                    .connector(params -> Optional.of(Map.of(GameChannel.GAMES_QUOTA,
                            new RateLimit(limits.gamesPerMinute(), Duration.ofMinutes(1), limits.gamesPerMinute()))))
                    .channel("game:*", () -> new GameChannel(games, seats, names, timing))
                    .http(cfg -> OpsRoutes.install(cfg, metrics, readiness))
                    .http(GameDefinition::install)
                    .http(cfg -> ObserverRoutes.install(cfg, games, adminToken, name -> {
                        seats.release(name);
                        gameEnded(name);
                    }))
                    .start();
            SeatSweeper sweeper = new SeatSweeper(seats, games, name -> KeySpace.accepts(name) ? gameStore.history(name) : List.of(),
                    this::gameEnded, System::currentTimeMillis, limits.finishedGameRetention(), sweepInterval(limits));
            services = Supervisor.start(SupervisorFlags.oneForOne(), List.of(ChildSpec.worker("seat_sweeper",
                    () -> GenServer.startLink(sweeper, GenServer.StartOptions.DEFAULT.withLabel("islands.seat_sweeper")))))
                    .pid();
        } catch (RuntimeException e) {
            if (server != null) {
                server.stop();
            }
            games.close();
            metrics.close();
            seatStore.close();
            gameStore.close();
            throw e;
        }
        metrics.bind(games, server);
    }

    /** Time between seat sweeps: a quarter of the shorter lifetime, from 50 ms to 1 min. */
    static Duration sweepInterval(Limits limits) {
        Duration shorter = limits.unstartedGameExpiry().compareTo(limits.finishedGameRetention()) < 0
                ? limits.unstartedGameExpiry() : limits.finishedGameRetention();
        Duration quarter = shorter.dividedBy(4);
        Duration min = Duration.ofMillis(50);
        Duration max = Duration.ofMinutes(1);
        return quarter.compareTo(min) < 0 ? min : quarter.compareTo(max) > 0 ? max : quarter;
    }

    /** A game's seats are gone: its channels are closed (their clients get phx_close). */
    private void gameEnded(String name) {
        PhoenixServer s = server;
        if (s != null) {
            s.closeTopic("game:" + name);
        }
    }

    /** Opens the stores at {@code storeUrl} and serves on {@code host:port} (0: a free port). */
    public static IslandsServer start(String host, int port, String storeUrl) {
        return start(new ServerConfig(host, port, storeUrl, null));
    }

    /** Opens the stores and serves as {@code config} says. */
    public static IslandsServer start(ServerConfig config) {
        return new IslandsServer(config);
    }

    /** @return the configuration this server was started with */
    public ServerConfig config() {
        return config;
    }

    /** @return the token the observer and its API ask for: the configured one, or the one generated at start */
    public String adminToken() {
        return adminToken.value();
    }

    public int port() {
        return server.port();
    }

    public Games games() {
        return games;
    }

    /** Stops serving, then the games (their states stay saved), then closes the stores. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Supervisor.stop(services);
            server.stop();
        } finally {
            try {
                games.close();
            } finally {
                metrics.close();
                seatStore.close();
                gameStore.close();
            }
        }
    }
}
