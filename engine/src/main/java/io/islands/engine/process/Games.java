package io.islands.engine.process;

import io.islands.engine.game.Ack;
import io.islands.engine.game.Board;
import io.islands.engine.game.GameState;
import io.islands.engine.game.GuessReply;
import io.islands.engine.game.LastMove;
import io.islands.engine.game.Outcome;
import io.islands.engine.game.Player;
import io.islands.engine.game.PlayerView;
import io.islands.runtime.Down;
import io.islands.runtime.ExitException;
import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.Registry;
import io.islands.runtime.StartResult;
import io.islands.runtime.checkpoint.CheckpointServer;
import io.islands.runtime.checkpoint.NotSaved;
import io.islands.runtime.checkpoint.Quarantined;
import io.islands.runtime.checkpoint.RecoveryLedger;
import io.islands.runtime.checkpoint.Saved;
import io.islands.runtime.checkpoint.StateStore;
import io.islands.runtime.checkpoint.StoreException;
import io.islands.runtime.supervisor.ChildSpec;
import io.islands.runtime.supervisor.DynamicSupervisor;
import io.islands.runtime.supervisor.GivenUp;
import io.islands.runtime.supervisor.Restart;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The game supervisor and the API to play (the book's {@code GameSupervisor} plus {@code Game}'s
 * client functions, §4): one transient {@link CheckpointServer} process per game under a
 * {@link DynamicSupervisor}, registered by the game's name in a unique {@link Registry}.
 *
 * <table>
 *   <caption>Operations</caption>
 *   <tr><th>operation</th><th>returns</th><th>errors</th></tr>
 *   <tr><td>{@link #startGame}</td><td>{@code Ok(pid)}; {@code AlreadyStarted(pid)} for a running name;
 *       {@code Error(quarantined)}</td><td>—</td></tr>
 *   <tr><td>{@link #stopGame}</td><td>nothing; the game's process stops and its saved state is deleted</td>
 *       <td>{@link GameUnavailableException} NOT_FOUND if there is neither a process nor a saved state</td></tr>
 *   <tr><td>moves ({@link #addPlayer} ...)</td><td>the book's outcome: {@code Outcome.Ok} with the reply or
 *       {@code Outcome.Failed} with the error; a failed move changes nothing</td>
 *       <td>{@link GameUnavailableException}: NOT_FOUND, QUARANTINED, STORE (not saved, not applied),
 *       CRASHED (not applied), TIMEOUT (outcome unknown)</td></tr>
 * </table>
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
 * <p>The game supervisor itself may die (killed by an operator or a fault): its games die with
 * it (they are linked), a watcher process starts a new supervisor at once (as a parent
 * supervisor would), and each game comes back from its saved state on its next move. Design
 * note: the current supervisor is a volatile field, replaced under a lock by the watcher or by
 * the first caller that finds it dead, whichever comes first, so one supervisor replaces a dead one.
 */
public final class Games implements AutoCloseable {
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** The book's idle timeout of a game: 24 hours. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofHours(24);

    /**
     * @param store where games save their state
     * @param idleTimeout a game stops after this long without a call, and its state is deleted
     *     (book: 24 h); every message re-arms the timer
     * @param crashesBeforeFallback crashes right after a restore that poison a saved version
     * @param maxRestartsPerGame restarts of one game allowed within {@code restartWindow}
     * @param callTimeout how long a move waits for the game
     */
    public record Config(StateStore<GameState> store, Duration idleTimeout, int crashesBeforeFallback,
            int maxRestartsPerGame, Duration restartWindow, Duration callTimeout) {
        public Config {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            Objects.requireNonNull(restartWindow, "restartWindow");
            Objects.requireNonNull(callTimeout, "callTimeout");
        }

        /** The book's 24 h idle timeout; fallback after 2 crashes; 5 restarts per game in 10 s; 5 s calls. */
        public static Config defaults(StateStore<GameState> store) {
            return new Config(store, DEFAULT_IDLE_TIMEOUT, 2, 5, Duration.ofSeconds(10), GenServer.DEFAULT_TIMEOUT);
        }

        public Config withMaxRestartsPerGame(int max, Duration window) {
            return new Config(store, idleTimeout, crashesBeforeFallback, max, window, callTimeout);
        }

        public Config withIdleTimeout(Duration idle) {
            return new Config(store, idle, crashesBeforeFallback, maxRestartsPerGame, restartWindow, callTimeout);
        }
    }

    private final Config config;
    private final Registry registry;
    private final RecoveryLedger ledger;
    private final ReentrantLock supervisorLock = new ReentrantLock();
    private volatile Pid supervisor;
    private volatile boolean closed;

    private Games(Config config) {
        this.config = config;
        this.registry = Registry.unique("games-" + INSTANCES.incrementAndGet());
        this.ledger = new RecoveryLedger(config.crashesBeforeFallback());
        this.supervisor = startSupervisor();
    }

    private Pid startSupervisor() {
        DynamicSupervisor.Options options = DynamicSupervisor.Options.defaults()
                .withIntensity(DynamicSupervisor.UNLIMITED, Duration.ofSeconds(5))
                .withMaxRestartsPerChild(config.maxRestartsPerGame(), config.restartWindow())
                .withOnGiveUp(this::gaveUp);
        Pid started = DynamicSupervisor.start(options).pid();
        watch(started);
        return started;
    }

    /**
     * Replaces {@code sup} as soon as it dies, as a parent supervisor would, so that readiness and
     * the observer see a game supervisor again without waiting for the next move: a small process
     * monitors it and, unless this facade is closed, starts the next one.
     */
    private void watch(Pid sup) {
        Proc.spawn(() -> {
            Proc.monitor(sup);
            Object message = Proc.receive();
            while (!(message instanceof Down down && down.pid().equals(sup))) {
                message = Proc.receive();
            }
            if (!closed) {
                liveSupervisor();
            }
        });
    }

    /** @return the current supervisor, after starting a new one if it died (not after {@link #close}) */
    private Pid liveSupervisor() {
        Pid current = supervisor;
        if (current.isAlive() || closed) {
            return current;
        }
        supervisorLock.lock();
        try {
            if (!supervisor.isAlive() && !closed) {
                supervisor = startSupervisor();
            }
            return supervisor;
        } finally {
            supervisorLock.unlock();
        }
    }

    /** Starts the game supervisor (not linked to the caller). */
    public static Games start(Config config) {
        return new Games(config);
    }

    /** @return the current game supervisor's pid (a new one replaces it if it dies) */
    public Pid supervisor() {
        return supervisor;
    }

    /** @return the store games save to */
    public StateStore<GameState> store() {
        return config.store();
    }

    /**
     * Starts the game {@code name} (player 1's name), from its saved state if there is one. If the
     * game supervisor died, a new one is started first.
     *
     * @throws io.islands.runtime.ExitException noproc after {@link #close}
     */
    public StartResult startGame(String name) {
        return startGame(name, false);
    }

    /** @param loadAfterStart the game loads its state after its start returns, in its own process */
    private StartResult startGame(String name, boolean loadAfterStart) {
        Objects.requireNonNull(name, "name");
        java.util.concurrent.atomic.AtomicBoolean restarting = new java.util.concurrent.atomic.AtomicBoolean();
        ChildSpec spec = ChildSpec.worker(name, () -> {
                    CheckpointServer<GameState> game =
                            new CheckpointServer<>(name, new GameServer(), config.store(), ledger, config.idleTimeout());
                    StartResult r = GenServer.startLink(loadAfterStart ? game.loadingAfterStart() : game,
                            GenServer.StartOptions.named(registry.via(name)));
                    // A restart that finds the name taken lost a race with an activation, which
                    // already runs the game from its saved state: this child is not needed.
                    return restarting.getAndSet(true) && r instanceof StartResult.AlreadyStarted
                            ? new StartResult.Ignore() : r;
                })
                .withRestart(Restart.TRANSIENT);
        for (int attempt = 0; ; attempt++) {
            Pid sup = liveSupervisor();
            try {
                return DynamicSupervisor.startChild(sup, spec);
            } catch (ExitException e) {
                // the supervisor died before answering: the child was not kept; try a new supervisor
                if (closed || attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    /**
     * Stops the game and deletes its saved state (the book's {@code stop_game}). The process
     * deletes the state itself on its way out, so no save of it can come after the delete.
     */
    public void stopGame(String name) {
        Optional<Pid> pid = whereis(name);
        if (pid.isPresent()) {
            try {
                GenServer.stop(pid.get(), CheckpointServer.FORGET, config.callTimeout());
                return;
            } catch (ExitException e) {
                if (!(e.reason() instanceof ExitReason.NoProc)) {
                    throw e;
                }
            }
        }
        boolean had = config.store().delete(name);
        ledger.forget(name);
        if (!had) {
            throw new GameUnavailableException(name, GameUnavailableException.Why.NOT_FOUND, "no such game");
        }
    }

    /** @return the running process of the game, if any */
    public Optional<Pid> whereis(String name) {
        return registry.whereis(name);
    }

    /** @return the number of running games */
    public int running() {
        return registry.count();
    }

    /** @return the names of the running games, sorted (a scan of the registry: for tools) */
    public List<String> runningNames() {
        return registry.registeredKeys().stream().map(String::valueOf).sorted().toList();
    }

    /**
     * Reads a game from its two newest saved versions, without sending its process anything
     * (a message would re-arm its idle timer). For tools.
     *
     * @return the game's info, or empty if it has no saved version (not found, or quarantined)
     * @throws io.islands.runtime.checkpoint.StoreException if the store cannot be read
     */
    public Optional<GameInfo> info(String name) {
        List<Saved<GameState>> versions = config.store().versions(name);
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        GameState now = versions.get(0).state();
        Optional<String> last = versions.size() < 2 || versions.get(1).revision() != versions.get(0).revision() - 1
                ? Optional.empty() : LastMove.between(versions.get(1).state(), now);
        return Optional.of(new GameInfo(name, whereis(name), versions.get(0).revision(),
                Optional.ofNullable(now.player2().name()), now.rules().state(), last));
    }

    /** @return the quarantine record of the game (why and when it was set aside), if it is quarantined */
    public Optional<Quarantined<GameState>> quarantineRecord(String name) {
        return config.store().quarantined(name);
    }

    /** @return the names of quarantined games */
    public List<String> quarantined() {
        return config.store().quarantinedKeys();
    }

    /** Puts a quarantined game's versions back so it can be activated again. @return whether it was quarantined */
    public boolean release(String name) {
        ledger.forget(name);
        return config.store().release(name).isPresent();
    }

    // ---- the book's Game API -----------------------------------------------------------------

    @SuppressWarnings("unchecked")
    public Outcome<Ack> addPlayer(String game, String name) {
        return (Outcome<Ack>) call(game, new GameRequest.AddPlayer(name));
    }

    @SuppressWarnings("unchecked")
    public Outcome<Ack> positionIsland(String game, Player player, String island, int row, int col) {
        return (Outcome<Ack>) call(game, new GameRequest.PositionIsland(player, island, row, col));
    }

    @SuppressWarnings("unchecked")
    public Outcome<Board> setIslands(String game, Player player) {
        return (Outcome<Board>) call(game, new GameRequest.SetIslands(player));
    }

    @SuppressWarnings("unchecked")
    public Outcome<GuessReply> guessCoordinate(String game, Player player, int row, int col) {
        return (Outcome<GuessReply>) call(game, new GameRequest.GuessCoordinate(player, row, col));
    }

    /** @return what {@code player} may see of the game */
    public PlayerView view(String game, Player player) {
        return (PlayerView) call(game, new GameRequest.View(player));
    }

    /** @return the whole state of the game (for tools and tests) */
    public GameState state(String game) {
        return (GameState) call(game, GameRequest.State.INSTANCE);
    }

    /**
     * Calls the game, activating it from the store if it is not running. Retries (up to 3 times)
     * when the process was gone or was ended by a signal before answering: the request was then
     * not applied. A crash of the game's own code on the request is not retried: retrying a
     * request that crashes the game would crash it again.
     */
    Object call(String game, GameRequest request) {
        for (int attempt = 0; ; attempt++) {
            Pid pid = whereis(game).orElseGet(() -> activate(game));
            try {
                Object reply = GenServer.call(pid, request, config.callTimeout());
                if (reply instanceof NotSaved ns) {
                    throw new GameUnavailableException(game, GameUnavailableException.Why.STORE,
                            "the move was not saved, so it was not applied: " + ns.reason());
                }
                return reply;
            } catch (ExitException e) {
                ExitReason r = e.reason();
                if (r.equals(CheckpointServer.QUARANTINED) || CheckpointServer.isStoreUnavailable(r)) {
                    throw startError(game, r); // its load after an activation did not start it
                }
                // Any exit before the reply means the request was not applied: a game saves and
                // replies with no safe point in between, so no signal can fall between the two.
                // A crash of the game's own code (Crash) is not retried: it would crash again.
                boolean notHandled = !(r instanceof ExitReason.Crash);
                if (r instanceof ExitReason.Timeout) {
                    throw new GameUnavailableException(game, GameUnavailableException.Why.TIMEOUT,
                            "no answer within " + config.callTimeout() + " (" + e.getMessage() + ")");
                }
                if (!notHandled) {
                    throw new GameUnavailableException(game, GameUnavailableException.Why.CRASHED,
                            "the game crashed on this request (" + r + "); it restarts from its last saved state");
                }
                if (attempt >= 3) {
                    throw new GameUnavailableException(game, GameUnavailableException.Why.CRASHED,
                            "the game keeps stopping (" + r + ")");
                }
            }
        }
    }

    /**
     * Starts a game that has a saved state.
     *
     * @throws GameUnavailableException QUARANTINED, NOT_FOUND, STORE when the store cannot be read
     *         (nothing started), CRASHED when the game's start failed otherwise
     */
    private Pid activate(String game) {
        Optional<Quarantined<GameState>> quarantined = Optional.empty();
        boolean saved;
        try { // a quarantined game has no versions: its record is read only when there are none
            saved = !config.store().versions(game).isEmpty();
            if (!saved) {
                quarantined = config.store().quarantined(game);
            }
        } catch (StoreException e) {
            throw new GameUnavailableException(game, GameUnavailableException.Why.STORE,
                    "the store cannot be read, so the game was not started: " + e.getMessage());
        }
        if (quarantined.isPresent()) {
            throw new GameUnavailableException(game, GameUnavailableException.Why.QUARANTINED,
                    "quarantined: " + quarantined.get().reason());
        }
        if (!saved) {
            throw new GameUnavailableException(game, GameUnavailableException.Why.NOT_FOUND, "no such game");
        }
        return switch (startGame(game, true)) {
            case StartResult.Ok ok -> ok.pid();
            case StartResult.AlreadyStarted a -> a.pid();
            case StartResult.Ignore i -> throw new GameUnavailableException(game,
                    GameUnavailableException.Why.NOT_FOUND, "the game did not start");
            case StartResult.Error e -> throw startError(game, e.reason());
        };
    }

    /** The error for a game whose process did not start, by the reason its start gave. */
    private static GameUnavailableException startError(String game, ExitReason reason) {
        if (reason.equals(CheckpointServer.QUARANTINED)) {
            return new GameUnavailableException(game, GameUnavailableException.Why.QUARANTINED, "quarantined");
        }
        if (CheckpointServer.isStoreUnavailable(reason)) {
            return new GameUnavailableException(game, GameUnavailableException.Why.STORE,
                    "the game could not be read from the store: " + reason);
        }
        return new GameUnavailableException(game, GameUnavailableException.Why.CRASHED,
                "the game could not start: " + reason);
    }

    /** A game past its own restart limit: set its state aside (off the supervisor's thread). */
    private void gaveUp(GivenUp given) {
        String name = String.valueOf(given.id());
        Proc.spawn(() -> {
            if (!config.store().versions(name).isEmpty()) {
                config.store().quarantine(name, "crashed " + given.restarts() + " times within "
                        + config.restartWindow() + "; last reason: " + given.reason());
            }
            ledger.forget(name);
        });
    }

    /** Stops the game supervisor and every game; saved states are kept. */
    @Override
    public void close() {
        closed = true;
        supervisorLock.lock();
        supervisorLock.unlock(); // a replacement in progress is finished and visible below
        if (supervisor.isAlive()) {
            io.islands.runtime.supervisor.Supervisor.stop(supervisor);
        }
    }
}
