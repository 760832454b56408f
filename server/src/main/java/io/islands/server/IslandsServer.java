package io.islands.server;

import io.islands.engine.game.GameState;
import io.islands.engine.process.Games;
import io.islands.server.bot.Bots;
import io.islands.server.replay.Replays;
import io.islands.server.cluster.Cluster;
import io.islands.server.cluster.GameRouter;
import io.islands.server.game.GameChannel;
import io.islands.server.game.GameDefinition;
import io.islands.server.game.GameStateCodec;
import io.islands.server.game.Names;
import io.islands.server.game.SeatSweeper;
import io.islands.server.game.Seats;
import io.islands.server.game.SeatsRecord;
import io.islands.server.lobby.Lobby;
import io.islands.server.lobby.LobbyChannel;
import io.islands.server.lobby.LobbyHooks;
import io.islands.server.lobby.Matchmaker;
import io.islands.server.lobby.SeatedGames;
import io.islands.server.ops.Metrics;
import io.islands.server.ops.OpsRoutes;
import io.islands.server.ops.Readiness;
import io.islands.server.observer.AdminToken;
import io.islands.server.observer.ObserverRoutes;
import io.islands.server.phoenix.BroadcastRelay;
import io.islands.server.phoenix.LocalSocket;
import io.islands.server.phoenix.PhoenixServer;
import io.islands.server.phoenix.RateLimit;
import io.islands.storage.CloseableStateStore;
import io.islands.storage.KeySpace;
import io.islands.storage.StateCodec;
import io.islands.storage.StateStores;
import io.islands.runtime.ExitException;
import io.islands.runtime.GenServer;
import io.islands.runtime.Name;
import io.islands.runtime.Pid;
import io.islands.runtime.supervisor.Application;
import io.islands.runtime.supervisor.ChildSpec;
import io.islands.runtime.supervisor.Supervisor;
import io.islands.runtime.supervisor.SupervisorFlags;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole server, an OTP-style application: the runtime's {@link Application} starts its
 * supervision tree, and {@link #close()} stops it in reverse start order; saved games and seats
 * are kept.
 *
 * <pre>
 * islands                  Application root, one_for_one
 * ├── game_store           StoreOwner: closes the game store when the tree stops
 * ├── seat_store           StoreOwner: closes the seat store
 * ├── replay_store         StoreOwner: closes the replay store (finished games' replays)
 * ├── seats                the seat keeper: every seat record write, one at a time
 * ├── games                the game supervisor (DynamicSupervisor): one process per game
 * ├── services             Supervisor, one_for_one
 * │   ├── seat_sweeper     ends stale seats and finished games
 * │   ├── observer_feed    reads the system for the observer's event streams while a page watches
 * │   └── replay_sweeper   deletes replays past their retention
 * ├── play                 Supervisor, one_for_one (the lobby, issue 19)
 * │   ├── lobby            the open games, pushed on the lobby topic while someone watches
 * │   └── matchmaker       pairs quick-match players, starts rematches
 * ├── endpoint             the PhoenixServer's Supervisor, one_for_one
 * │   ├── presence         the presence tracker
 * │   └── http             owns Javalin: the page, game:*, /health, /ready, /metrics, the observer
 * ├── bots                 DynamicSupervisor: one computer player per bot game (io.islands.server.bot)
 * └── hand_off             (a cluster node) stops first: hands the node's games off (docs/cluster.md)
 * </pre>
 *
 * Every process of the tree is registered under a name of its own ({@code islands.<n>.<child>},
 * the phoenix ones {@code phoenix.<n>.<child>}, the game supervisor {@code games-<n>.supervisor}),
 * and its clients ({@link Seats}, {@link io.islands.server.phoenix.Presence}, {@link Games}) call
 * the name, never a pid: a child that dies is started again by its supervisor under the same
 * name, and the server keeps serving. The root allows {@link #ROOT_INTENSITY} restarts in
 * {@link #ROOT_PERIOD}; past that the whole application stops, as OTP's would.
 *
 * <p>The stores are opened before the tree starts (the games and seats need them at once) and
 * owned by their owner processes, which close them when the tree stops, after everything that
 * uses them. The metrics registry is not a process: it is closed after the tree.
 */
public final class IslandsServer implements AutoCloseable {
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** Saved versions kept per game (fallback after a poisoned save needs more than one). */
    static final int GAME_HISTORY = 3;

    /** How long each readiness check may take. */
    static final Duration READY_CHECK_LIMIT = Duration.ofSeconds(2);

    /** Restarts the root supervisor allows within {@link #ROOT_PERIOD} before the application stops. */
    static final int ROOT_INTENSITY = 10;
    static final Duration ROOT_PERIOD = Duration.ofSeconds(10);

    private final CloseableStateStore<GameState> gameStore;
    private final CloseableStateStore<SeatsRecord> seatStore;
    private final CloseableStateStore<String> replayStore;
    private final Metrics metrics;
    private final Games games;
    private final PhoenixServer server;
    private final Application application;
    private boolean closed;

    private final ServerConfig config;
    private final AdminToken adminToken;
    private final Lobby lobby;
    private final Matchmaker matchmaker;
    /** The cluster this server is a node of ({@code serve --cluster}), or null. */
    private final Cluster cluster;
    private final GameRouter router;
    private final Seats seats;
    private final Readiness readiness;

    private IslandsServer(ServerConfig config, Cluster.Settings clusterSettings) {
        this.config = config;
        this.adminToken = AdminToken.of(config.adminToken());
        String prefix = "islands." + INSTANCES.incrementAndGet() + ".";
        String storeUrl = config.store();
        // a cluster node's games save through the fenced store of its cluster membership (docs/cluster.md)
        cluster = clusterSettings == null ? null : Cluster.join(storeUrl, clusterSettings, prefix, config.gameCallTimeout());
        try {
            gameStore = cluster != null ? cluster.gameStore(GameStateCodec.INSTANCE, GAME_HISTORY)
                    : StateStores.open(storeUrl, GameStateCodec.INSTANCE, GAME_HISTORY);
        } catch (RuntimeException e) {
            closeCluster();
            throw e;
        }
        try {
            seatStore = StateStores.open(storeUrl, SeatsRecord.CODEC, 1);
        } catch (RuntimeException e) {
            gameStore.close();
            closeCluster();
            throw e;
        }
        try {
            replayStore = StateStores.open(storeUrl, StateCodec.rawJson(), 1);
        } catch (RuntimeException e) {
            seatStore.close();
            gameStore.close();
            throw e;
        }
        metrics = Metrics.start();
        // games in the root key space, seats in "seats", the server's own keys in "islands":
        // a name a client chooses can reach no other space (KeySpace)
        Limits limits = config.limits();
        Names names = new Names(limits.maxNameLength());
        // every save of a game is also a step of its replay (written when the game ends)
        Replays replays = new Replays(KeySpace.named("replays", replayStore), config.replayRetention(),
                System::currentTimeMillis, names::valid);
        Games.Config defaults = Games.Config.defaults(replays.recording(KeySpace.root(metrics.timed(gameStore))));
        Games.Config gamesConfig = new Games.Config(defaults.store(), config.gameIdleTimeout(),
                defaults.crashesBeforeFallback(), defaults.maxRestartsPerGame(), defaults.restartWindow(),
                config.gameCallTimeout());
        games = Games.supervised(cluster != null ? cluster.placed(gamesConfig) : gamesConfig);
        router = cluster != null ? cluster.router(games) : GameRouter.local(games);
        // a quarantined game still exists: its seats wait for the operator's release
        seats = new Seats(KeySpace.named(Seats.SPACE, seatStore),
                name -> games.started(name) || games.quarantineRecord(name).isPresent(),
                System::currentTimeMillis, limits.unstartedGameExpiry(), Name.local(prefix + "seats"));
        readiness = Readiness.of(List.of(gameStore, seatStore), () -> games.supervisor().orElse(null),
                READY_CHECK_LIMIT);
        ObserverRoutes observer = ObserverRoutes.create(games, adminToken, name -> {
            seats.release(name);
            gameEnded(name);
        }, metrics::totals, Name.local(prefix + "observer_feed"));
        if (cluster != null) {
            observer.routeThrough(router, cluster.name(), cluster::nodes);
        }
        GameChannel.EventTiming timing = metrics.gameEvents();
        // ---- lobby, quick match, rematch (issue 19) ----
        lobby = new Lobby(game -> Lobby.openSince(game, seats.live(game)), seats::games, names::valid,
                this::lobbyBroadcast, System::currentTimeMillis, LOBBY_INTERVAL, Name.local(prefix + "lobby"));
        matchmaker = new Matchmaker(new SeatedGames(seats, router, this::gameEnded), Name.local(prefix + "matchmaker"));
        LobbyHooks lobbyHooks = new LobbyHooks(lobby, matchmaker, timing);
        // computer players: a client of the channel API on in-JVM sockets (after the endpoint in the tree)
        Bots bots = new Bots(config.bots(), Name.local(prefix + "bots"), config.idleTimeout(), this::botSocket);
        server = PhoenixServer.builder().host(config.host()).port(config.port())
                .idleTimeout(config.idleTimeout()).maxFrameBytes(config.maxFrameBytes())
                .maxChannelsPerSocket(limits.maxChannelsPerSocket()).framesPerSecond(limits.framesPerSecond())
                .maxSocketsPerAddress(limits.socketsPerAddress())
                .mailbox(limits.mailboxMessages(), limits.mailboxChars())
                .allowedOrigins(limits.allowedOrigins())
                // each socket its own quota of games created, shared by its channels
                .connector(params -> Optional.of(Map.of(GameChannel.GAMES_QUOTA,
                        new RateLimit(limits.gamesPerMinute(), Duration.ofMinutes(1), limits.gamesPerMinute()))))
                .channel("game:*", () -> new GameChannel(router, seats, names, timing).withLobby(lobbyHooks).withBots(bots))
                .channel(Lobby.TOPIC, () -> new LobbyChannel(lobby, matchmaker, names, timing))
                .http(cfg -> OpsRoutes.install(cfg, metrics, readiness))
                .http(GameDefinition::install)
                .http(observer::install)
                .http(replays::install)
                .http(cfg -> installCluster(cfg, observer))
                .relay(cluster != null ? cluster.relay() : BroadcastRelay.NONE)
                .closeSpread(cluster != null ? Cluster.SOCKET_CLOSE_SPREAD : Duration.ZERO)
                .build();
        SeatSweeper sweeper = new SeatSweeper(seats, router, name -> KeySpace.accepts(name) ? gameStore.history(name) : List.of(),
                this::gameEnded, System::currentTimeMillis, limits.finishedGameRetention(), sweepInterval(limits));
        Name sweeperName = Name.local(prefix + "seat_sweeper");
        List<ChildSpec> children = java.util.stream.Stream.of(
                StoreOwner.childSpec("game_store", Name.local(prefix + "game_store"), gameStore),
                StoreOwner.childSpec("seat_store", Name.local(prefix + "seat_store"), seatStore),
                StoreOwner.childSpec("replay_store", Name.local(prefix + "replay_store"), replayStore),
                seats.childSpec("seats"),
                // the cluster's membership and JGroups node, before the games: they stop after them
                cluster != null ? cluster.childSpec("cluster") : null,
                games.childSpec("games"),
                Supervisor.childSpec("services", SupervisorFlags.oneForOne(), List.of(ChildSpec.worker("seat_sweeper",
                        () -> GenServer.startLink(sweeper, GenServer.StartOptions.named(sweeperName))),
                        observer.feedSpec("observer_feed"),
                        replays.sweeperSpec("replay_sweeper", Name.local(prefix + "replay_sweeper")))),
                Supervisor.childSpec("play", SupervisorFlags.oneForOne(),
                        List.of(lobby.childSpec("lobby"), matchmaker.childSpec("matchmaker"))),
                server.childSpec("endpoint"),
                bots.childSpec("bots"),
                // last, so it stops first: a cluster node's planned stop (SIGTERM's hook, or close) hands
                // its games off before anything else stops (the endpoint after: measured, closing the
                // sockets first delayed the other nodes' players by the endpoint's stop, docs/cluster.md)
                cluster != null ? cluster.handOffSpec("hand_off", games) : null).filter(java.util.Objects::nonNull).toList();
        try {
            application = Application.start(prefix + "application",
                    SupervisorFlags.oneForOne().withIntensity(ROOT_INTENSITY, ROOT_PERIOD), children);
        } catch (ExitException e) {
            // the children that started were stopped in reverse order; the stores are closed by
            // their owners if those started, and here in any case (close is idempotent)
            games.close();
            metrics.close();
            replayStore.close();
            seatStore.close();
            gameStore.close();
            closeCluster();
            throw PhoenixServer.startFailure(e);
        }
        metrics.bind(games, server);
        metrics.gauge("islands.lobby.waiting", "players waiting for a quick match", matchmaker::waiting);
        metrics.gauge("islands.lobby.listed", "open games in the lobby's latest list (0 while nobody watches)",
                lobby::listed);
        metrics.counter("islands.lobby.matches", "quick matches made", matchmaker, Matchmaker::matches);
        metrics.counter("islands.lobby.rematches", "rematches started", matchmaker, Matchmaker::rematches);
        metrics.gauge("islands.bots.running", "games against the computer playing now", bots::running);
        metrics.counter("islands.bots.won", "games against the computer that the computer won", bots, Bots::won);
        metrics.counter("islands.bots.lost", "games against the computer that the computer lost", bots, Bots::lost);
        metrics.counter("islands.replays.recorded", "finished games whose replay was written", replays, Replays::recorded);
        metrics.counter("islands.replays.unrecorded", "finished games whose replay could not be written", replays,
                Replays::unrecorded);
        metrics.counter("islands.replays.served", "replays served", replays, Replays::served);
        if (cluster != null) {
            cluster.attach(server);
            metrics.bind(cluster.meters());
        }
    }

    /** The least time between two lobby lists pushed (docs/protocol.md §9). */
    static final Duration LOBBY_INTERVAL = Duration.ofMillis(500);

    /** Sends a lobby list to every lobby channel. */
    private void lobbyBroadcast(String event, Object payload) {
        server.broadcast(Lobby.TOPIC, event, payload);
    }

    private void closeCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** {@code GET /api/nodes} (behind the observer's token, as all of {@code /api}): the cluster's members. */
    private void installCluster(io.javalin.config.JavalinConfig cfg, ObserverRoutes observer) {
        cfg.routes.get("/api/nodes", ctx -> ctx.json(observer.nodes()));
        // Chaos hook (docs/cluster.md, Chaos), behind the admin token: ?on=true cuts this node off the
        // others' JGroups messages, ?on=false connects it again. 404 without a cluster.
        cfg.routes.post("/api/nodes/cut-off", ctx -> {
            boolean on = "true".equals(ctx.queryParam("on"));
            if (cluster == null || !(on || "false".equals(ctx.queryParam("on")))) {
                ctx.status(cluster == null ? 404 : 400).json(Map.of("error", cluster == null ? "no cluster" : "on=true|false"));
            } else {
                ctx.json(Map.of("cut_off", on, "changed", cluster.cutOff(on)));
            }
        });
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

    /** A computer player's socket: in the JVM, through the same connector as a browser's. */
    private Optional<LocalSocket> botSocket(Pid owner, String label) {
        return server.connectLocal(owner, Map.of(), label);
    }

    /** A game's seats are gone: its channels are closed (their clients get phx_close). */
    private void gameEnded(String name) {
        server.closeTopic("game:" + name);
        lobby.touched(name);
    }

    /** Opens the stores at {@code storeUrl} and serves on {@code host:port} (0: a free port). */
    public static IslandsServer start(String host, int port, String storeUrl) {
        return start(ServerConfig.builder().host(host).port(port).store(storeUrl).build());
    }

    /** Opens the stores and serves as {@code config} says. */
    public static IslandsServer start(ServerConfig config) {
        return new IslandsServer(config, null);
    }

    /**
     * Opens the stores and serves as {@code config} says, as a node of the cluster on the same
     * PostgreSQL ({@code serve --cluster}, docs/cluster.md).
     *
     * @throws IllegalArgumentException if the store is not PostgreSQL
     */
    public static IslandsServer start(ServerConfig config, Cluster.Settings cluster) {
        return new IslandsServer(config, java.util.Objects.requireNonNull(cluster, "cluster"));
    }

    /**
     * Runs, before the server is reported ready, what the first players would otherwise wait for
     * on a JVM that just started: {@link PhoenixServer#warmUp} ({@value #WARM_UP_CONNECTIONS}
     * connections to its own port, each joining a game's topic without a screen name, which the
     * game channel refuses before it reads anything, and leaving it), one read of each store
     * (the readiness check), then a game of a random name played through the server's own endpoint
     * by two loopback sockets, with rejoins and re-activations (on a cluster node: claims, fenced
     * saves and loads), and stopped again, its state deleted, its seats and ownership released
     * ({@link WarmUpGame#playThroughEndpoint}: about 0.4 s on a memory store, 1 s on a cluster node).
     * {@code serve} calls it; tests need not. Blocks for as long as it takes: on a machine at
     * rest about a fifth of a second, on one saturated by other work seconds (docs/cluster.md);
     * at most about 5 s per step that gives no answer, after which the server serves all the same.
     *
     * @return the connections that completed ({@value #WARM_UP_CONNECTIONS} unless one failed, logged)
     */
    public int warmUp() {
        // refused as invalid_params before any read: not the lobby, whose first watcher reads every game's seats
        int done = server.warmUp("game:" + WarmUpGame.NAME, Map.of(), WARM_UP_CONNECTIONS);
        readiness.check();
        warmUpGame(config.limits().maxNameLength());
        return done;
    }

    /** @return as {@link WarmUpGame#playThroughEndpoint} with names of at most {@code maxNameLength} */
    int warmUpGame(int maxNameLength) {
        return WarmUpGame.playThroughEndpoint(server, router, games, seats, cluster, maxNameLength);
    }

    /**
     * Connections {@link #warmUp} makes: the first pays most (60–75 ms at rest, against about 5 ms
     * for the next ones), the second and third a little more; more bring little.
     */
    static final int WARM_UP_CONNECTIONS = 3;

    /** @return the router the server calls games through (to their owners, in a cluster) */
    public GameRouter router() {
        return router;
    }

    /** @return the cluster this server is a node of, if it is one */
    public Optional<Cluster> cluster() {
        return Optional.ofNullable(cluster);
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

    /** @return the lobby (for tests and tools) */
    public Lobby lobby() {
        return lobby;
    }

    /** @return the matchmaker (for tests and tools) */
    public Matchmaker matchmaker() {
        return matchmaker;
    }

    /** @return the application whose supervision tree runs this server (for tools: the observer, tests) */
    public Application application() {
        return application;
    }

    /**
     * Stops the supervision tree in reverse start order (a cluster node's hand-off of its games,
     * the HTTP endpoint and its sockets, the sweeper, the games, whose states stay saved, the seat
     * keeper, then the store owners, which close the stores), then the metrics. Idempotent. A
     * SIGTERM's JVM hook stops the same tree in the same order.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        games.close(); // from now on a game start fails at once instead of waiting for a restart
        application.stop(); // a cluster node's hand_off stops first: its games are handed off before the endpoint stops
        metrics.close();
    }
}
