package io.islands.engine.process;

import io.islands.engine.game.Ack;
import io.islands.engine.game.Board;
import io.islands.engine.game.GameState;
import io.islands.engine.game.GuessReply;
import io.islands.engine.game.Outcome;
import io.islands.engine.game.Player;
import io.islands.engine.game.PlayerView;
import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.Name;
import io.islands.runtime.Pid;
import io.islands.runtime.Registry;
import io.islands.runtime.StartResult;
import io.islands.runtime.checkpoint.CheckpointServer;
import io.islands.runtime.checkpoint.Quarantined;
import io.islands.runtime.checkpoint.RecoveryLedger;
import io.islands.runtime.checkpoint.StateStore;
import io.islands.runtime.supervisor.ChildSpec;
import io.islands.runtime.supervisor.DynamicSupervisor;
import io.islands.runtime.supervisor.Supervisor;
import io.islands.runtime.supervisor.SupervisorFlags;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The game supervisor and the API to play (the book's {@code GameSupervisor} plus {@code Game}'s
 * client functions, §4): one transient {@link CheckpointServer} process per game under a
 * {@link DynamicSupervisor}, registered by the game's name in a unique {@link Registry}.
 *
 * <table>
 *   <caption>Operations</caption>
 *   <tr><th>operation</th><th>returns</th><th>errors</th></tr>
 *   <tr><td>{@link #startGame}</td><td>{@code Ok(pid)}; {@code AlreadyStarted(pid)} for a running name;
 *       {@code Error(quarantined)}</td><td>{@link io.islands.runtime.ExitException} noproc when no game
 *       supervisor runs</td></tr>
 *   <tr><td>{@link #stopGame}</td><td>nothing; the game's process stops and its saved state is deleted</td>
 *       <td>{@link GameUnavailableException} NOT_FOUND if there is neither a process nor a saved state</td></tr>
 *   <tr><td>moves ({@link #addPlayer} ...), views, {@link #call}</td><td>the request's reply type: for moves
 *       the book's outcome, {@code Outcome.Ok} with the reply or {@code Outcome.Failed} with the error (a
 *       failed move changes nothing)</td>
 *       <td>{@link GameUnavailableException}: NOT_FOUND, QUARANTINED, STORE (not saved, not applied),
 *       CRASHED (not applied), TIMEOUT (outcome unknown), ELSEWHERE ({@link GameElsewhereException}: the
 *       game runs on another node, not applied here)</td></tr>
 * </table>
 *
 * <p>Placement ({@link Config#placement}): before a game that is not running here is started
 * or activated, the placement says whether it runs here (always, on a single node) or on another
 * node of a cluster, which the caller learns as a {@link GameElsewhereException}. A game running
 * here that another node took over is stopped by its fenced store's refusal (its caller's request
 * was not applied); the call then asks the placement again.
 *
 * <p>Activation on demand: a move for a game whose process is not running but whose state is
 * saved starts the process from that state first; this is how games survive a JVM restart on a
 * durable store. An activated game loads its state after its start
 * ({@link CheckpointServer#loadingAfterStart}), before it handles the move, so that many
 * activations at once (after a node failure) do not wait for each other's reads in the
 * supervisor, and reach the store together. Crash containment: the supervisor has no
 * supervisor-wide restart limit; each game has its own ({@link Config#maxRestartsPerGame} in
 * {@link Config#restartWindow}), and a game past it is stopped alone and quarantined. See
 * docs/recovery.md.
 *
 * <p>Supervision: the game supervisor is a child of a parent supervisor and is registered by name;
 * this facade keeps no pid of it. {@link #supervised} gives its {@link #childSpec} to the caller's
 * tree (the server's); {@link #start} starts a small root supervisor of its own for it. Either way,
 * a killed game supervisor takes its games with it (they are linked), its parent starts the next
 * one under the same name, and each game comes back from its saved state on its next call.
 *
 * <p>Design note: the jobs live in three package-private parts, each immutable apart from one
 * volatile flag: {@link GameSupervision} (the supervisor, its spec, game starts and
 * quarantine on give-up), {@link GameCalls} (typed calls, activation, errors) and {@link GameAdmin}
 * (stop, read, list, quarantine, release). This class only delegates. Any thread.
 */
public final class Games implements AutoCloseable {
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** The book's idle timeout of a game: 24 hours. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofHours(24);
    /**
     * Restarts of the game supervisor that the root of {@link #start} allows within 5 s: enough
     * for an operator or a chaos harness killing it at will, still a stop for a supervisor that
     * cannot start at all.
     */
    static final int ROOT_INTENSITY = 100;
    /** Exit reason of a game stopped by {@link #handOff}: its state is kept, it is not restarted here. */
    public static final ExitReason HANDED_OFF = ExitReason.shutdown("handed_off");
    /** Games {@link #handOffAll} stops at once (each stop is one message and its game's last move). */
    public static final int HAND_OFF_PARALLELISM = 16;

    /**
     * @param store where games save their state
     * @param idleTimeout a game stops after this long without a call, and its state is deleted
     *     (book: 24 h); every message re-arms the timer
     * @param crashesBeforeFallback crashes right after a restore that poison a saved version
     * @param maxRestartsPerGame restarts of one game allowed within {@code restartWindow}
     * @param callTimeout how long a move waits for the game
     * @param placement where a game that is not running here runs ({@link GamePlacement#HERE}: here)
     */
    public record Config(StateStore<GameState> store, Duration idleTimeout, int crashesBeforeFallback,
            int maxRestartsPerGame, Duration restartWindow, Duration callTimeout, GamePlacement placement) {
        public Config {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            Objects.requireNonNull(restartWindow, "restartWindow");
            Objects.requireNonNull(callTimeout, "callTimeout");
            Objects.requireNonNull(placement, "placement");
        }

        /** A single node's config: every game runs here ({@link GamePlacement#HERE}). */
        public Config(StateStore<GameState> store, Duration idleTimeout, int crashesBeforeFallback,
                int maxRestartsPerGame, Duration restartWindow, Duration callTimeout) {
            this(store, idleTimeout, crashesBeforeFallback, maxRestartsPerGame, restartWindow, callTimeout,
                    GamePlacement.HERE);
        }

        /** @return this config with games placed by {@code placement} (a cluster node's) */
        public Config withPlacement(GamePlacement placement) {
            return new Config(store, idleTimeout, crashesBeforeFallback, maxRestartsPerGame, restartWindow,
                    callTimeout, placement);
        }

        /** The book's 24 h idle timeout; fallback after 2 crashes; 5 restarts per game in 10 s; 5 s calls. */
        public static Config defaults(StateStore<GameState> store) {
            return new Config(store, DEFAULT_IDLE_TIMEOUT, 2, 5, Duration.ofSeconds(10), GenServer.DEFAULT_TIMEOUT);
        }

        public Config withMaxRestartsPerGame(int max, Duration window) {
            return new Config(store, idleTimeout, crashesBeforeFallback, max, window, callTimeout, placement);
        }

        public Config withIdleTimeout(Duration idle) {
            return new Config(store, idle, crashesBeforeFallback, maxRestartsPerGame, restartWindow, callTimeout,
                    placement);
        }
    }

    private final Config config;
    private final GameSupervision supervision;
    private final GameCalls calls;
    private final GameAdmin admin;
    /** The root supervisor started by {@link #start}, or null when a caller's tree holds the game supervisor. */
    private final Pid root;

    private Games(Config config, Pid root, GameSupervision supervision) {
        this.config = config;
        this.root = root;
        this.supervision = supervision;
        this.calls = new GameCalls(config, supervision);
        this.admin = new GameAdmin(config, supervision, supervision.ledger());
    }

    private static GameSupervision supervision(Config config) {
        int n = INSTANCES.incrementAndGet();
        return new GameSupervision(config, Name.local("games-" + n + ".supervisor"), Registry.unique("games-" + n),
                new RecoveryLedger(config.crashesBeforeFallback()));
    }

    /**
     * Starts the game supervisor under a root supervisor of its own (not linked to the caller);
     * {@link #close} stops both.
     */
    public static Games start(Config config) {
        GameSupervision supervision = supervision(config);
        SupervisorFlags flags = SupervisorFlags.oneForOne().withIntensity(ROOT_INTENSITY, Duration.ofSeconds(5));
        StartResult started = Supervisor.start(flags, List.of(supervision.childSpec("game_supervisor")));
        if (!(started instanceof StartResult.Ok ok)) {
            throw new IllegalStateException("the game supervisor did not start: " + started);
        }
        return new Games(config, ok.pid(), supervision);
    }

    /**
     * @return games whose supervisor is not started yet: put {@link #childSpec} into a supervision
     *     tree; until it runs, calls fail ({@link #startGame} waits up to 5 s, then noproc)
     */
    public static Games supervised(Config config) {
        return new Games(config, null, supervision(config));
    }

    /**
     * @param id the child's id in its parent
     * @return the game supervisor's spec (a supervisor child, permanent, registered by name)
     */
    public ChildSpec childSpec(Object id) {
        return supervision.childSpec(id);
    }

    /** @return the game supervisor running now: empty while its parent restarts it, and after the tree stopped */
    public Optional<Pid> supervisor() {
        return supervision.current();
    }

    /** @return the store games save to */
    public StateStore<GameState> store() {
        return config.store();
    }

    /**
     * Starts the game {@code name} (player 1's name), from its saved state if there is one. If the
     * game supervisor just died, this waits (up to 5 s) for its parent to start the next one.
     *
     * @throws io.islands.runtime.ExitException noproc after {@link #close}, or when no game
     *     supervisor comes back in time
     * @throws GameElsewhereException if the game is not running here and the {@link
     *     Config#placement} says it runs on another node (nothing was started)
     * @throws GameUnavailableException STORE if the placement could not read the cluster's store
     */
    public StartResult startGame(String name) {
        return startGame(name, false);
    }

    /** @param loadAfterStart the game loads its state after its start returns, in its own process */
    private StartResult startGame(String name, boolean loadAfterStart) {
        Objects.requireNonNull(name, "name");
        if (config.placement() != GamePlacement.HERE && supervision.registry().whereis(name).isEmpty()) {
            GameCalls.placeHere(config, name);
        }
        return supervision.startGame(name);
    }

    /**
     * Stops the game and deletes its saved state (the book's {@code stop_game}). The process
     * deletes the state itself on its way out, so no save of it can come after the delete.
     */
    public void stopGame(String name) {
        admin.stopGame(name);
    }

    /**
     * Stops the game's process on this node and keeps its saved state (a cluster node handing
     * the game off: SIGTERM, or a lost lease). The process ends with {@link #HANDED_OFF} after the
     * message it is handling, if any, so every acknowledged move is saved; calls still waiting in
     * its mailbox are retried by their callers, which ask the placement again. Not restarted.
     *
     * @return whether a process of the game was running here
     * @throws io.islands.runtime.ExitException timeout if it does not stop within {@link Config#callTimeout}
     */
    public boolean handOff(String name) {
        Objects.requireNonNull(name, "name");
        return admin.handOff(name);
    }

    /**
     * {@link #handOffAll(Consumer)} with nothing to do after each game (a node that lost its
     * lease: its games stop here, their ownership is not its to give).
     *
     * @return the names of the games that were stopped, sorted
     */
    public List<String> handOffAll() {
        return handOffAll(game -> { });
    }

    /**
     * {@link #handOff} of every game running here, up to {@link #HAND_OFF_PARALLELISM} at once,
     * each followed at once, on the same thread, by {@code afterEach} with its name: a cluster node
     * that stops releases each game there as soon as its process has ended, so another node can
     * claim it while the rest are still stopping. {@code afterEach} runs for every game listed
     * whose hand-off did not fail, after its process ended (also for one that was not running any
     * more when its turn came); not for one that did not stop in time. Returns when every game's
     * hand-off has ended.
     *
     * @return the names of the games that were stopped, sorted
     * @throws io.islands.runtime.ExitException the first failure (a game that did not stop within
     *     {@link Config#callTimeout}), after every other game was handed off; the others are suppressed
     */
    public List<String> handOffAll(Consumer<String> afterEach) {
        return admin.handOffAll(runningNames(), afterEach);
    }

    /** @return the running process of the game, if any */
    public Optional<Pid> whereis(String name) {
        return admin.whereis(name);
    }

    /**
     * @return whether {@code name} is started: it has a process or a saved state (one that does
     *     not decode counts: it is there); a quarantined game is not
     * @throws io.islands.runtime.checkpoint.StoreException if the store cannot be read
     */
    public boolean started(String name) {
        return admin.started(name);
    }

    /** @return the number of running games */
    public int running() {
        return admin.running();
    }

    /**
     * The games the game supervisor holds, running or being restarted: a killed game stays in
     * this list while its supervisor restarts it (its {@link #whereis} is empty meanwhile), and
     * leaves it only when it stops for good. For tools; one call to the game supervisor, which
     * lists all of its children.
     *
     * @return the games' names, sorted; empty while no game supervisor runs
     * @throws io.islands.runtime.ExitException timeout if the game supervisor does not answer
     *     within {@link Config#callTimeout}
     */
    public List<String> runningNames() {
        return admin.runningNames();
    }

    /**
     * Reads a game from its two newest saved versions, without sending its process anything
     * (a message would re-arm its idle timer). For tools.
     *
     * @return the game's info, or empty if it has no saved version (not found, or quarantined)
     * @throws io.islands.runtime.checkpoint.StoreException if the store cannot be read
     */
    public Optional<GameInfo> info(String name) {
        return admin.info(name);
    }

    /**
     * Reads many games as {@link #info} does, in one batched store read ({@link
     * io.islands.runtime.checkpoint.StateStore#versionsOf}). For tools.
     *
     * @return the info of each game of {@code names} that has a saved version, in the order of {@code names}
     * @throws io.islands.runtime.checkpoint.StoreException if the store cannot be read
     */
    public List<GameInfo> infos(List<String> names) {
        return admin.infos(names);
    }

    /** @return the quarantine record of the game (why and when it was set aside), if it is quarantined */
    public Optional<Quarantined<GameState>> quarantineRecord(String name) {
        return admin.quarantineRecord(name);
    }

    /** @return the names of quarantined games */
    public List<String> quarantined() {
        return admin.quarantined();
    }

    /** Puts a quarantined game's versions back so it can be activated again. @return whether it was quarantined */
    public boolean release(String name) {
        return admin.release(name);
    }

    // ---- the book's Game API -----------------------------------------------------------------

    public Outcome<Ack> addPlayer(String game, String name) {
        return call(game, new GameRequest.AddPlayer(name));
    }

    public Outcome<Ack> positionIsland(String game, Player player, String island, int row, int col) {
        return call(game, new GameRequest.PositionIsland(player, island, row, col));
    }

    public Outcome<Board> setIslands(String game, Player player) {
        return call(game, new GameRequest.SetIslands(player));
    }

    public Outcome<GuessReply> guessCoordinate(String game, Player player, int row, int col) {
        return call(game, new GameRequest.GuessCoordinate(player, row, col));
    }

    /**
     * The three moves above with a client's move id: each applied at most once per id, a retry
     * of the player's last applied id answered with its stored reply, {@link Outcome.Ok#replayed}
     * set, nothing saved ({@link io.islands.engine.game.Moves}).
     */
    public Outcome<Ack> positionIsland(String game, Player player, String island, int row, int col, Optional<String> moveId) {
        return call(game, new GameRequest.PositionIsland(player, island, row, col, moveId));
    }

    /** See {@link #positionIsland(String, Player, String, int, int, Optional)}. */
    public Outcome<Board> setIslands(String game, Player player, Optional<String> moveId) {
        return call(game, new GameRequest.SetIslands(player, moveId));
    }

    /** See {@link #positionIsland(String, Player, String, int, int, Optional)}. */
    public Outcome<GuessReply> guessCoordinate(String game, Player player, int row, int col, Optional<String> moveId) {
        return call(game, new GameRequest.GuessCoordinate(player, row, col, moveId));
    }

    /** @return what {@code player} may see of the game */
    public PlayerView view(String game, Player player) {
        return call(game, new GameRequest.View(player));
    }

    /**
     * What the holder of {@code screenName} may see of the game: the view of the player of that
     * name, else a spectator's. A game that is not started (neither a process nor a saved state)
     * is seen as {@link PlayerView#unstarted}, not as an error.
     *
     * @throws GameUnavailableException QUARANTINED, STORE, CRASHED, TIMEOUT as for moves
     */
    public PlayerView viewByName(String game, Optional<String> screenName) {
        return viewOrUnstarted(game, screenName, request -> call(game, request));
    }

    /**
     * {@link #viewByName}'s rule for any way of calling a game (here, or forwarded to the node that
     * runs it): {@code call} sends the request; NOT_FOUND becomes {@link PlayerView#unstarted}.
     *
     * @throws GameUnavailableException any other reason {@code call} throws
     */
    public static PlayerView viewOrUnstarted(String game, Optional<String> screenName,
            java.util.function.Function<GameRequest.ViewByName, PlayerView> call) {
        try {
            return call.apply(new GameRequest.ViewByName(screenName));
        } catch (GameUnavailableException e) {
            if (e.why() == GameUnavailableException.Why.NOT_FOUND) {
                return PlayerView.unstarted(game, screenName);
            }
            throw e;
        }
    }

    /** @return the whole state of the game (for tools and tests) */
    public GameState state(String game) {
        return call(game, GameRequest.State.INSTANCE);
    }

    /**
     * Sends {@code request} to the game, activating it from the store if it is not running; see
     * the operations table.
     *
     * @return the game's reply, of the request's reply type
     */
    public <R> R call(String game, GameRequest<R> request) {
        return calls.call(game, request);
    }

    /**
     * Stops the game supervisor and every game if {@link #start} started them (saved states are
     * kept); for {@link #supervised} games, the tree that holds the supervisor stops it. From now on
     * {@link #startGame} fails at once. Idempotent.
     */
    @Override
    public void close() {
        supervision.close();
        if (root != null && root.isAlive()) {
            try {
                Supervisor.stop(root);
            } catch (io.islands.runtime.ExitException alreadyStopped) {
                // noproc: stopped concurrently
            }
        }
    }
}
