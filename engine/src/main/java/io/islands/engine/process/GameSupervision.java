package io.islands.engine.process;

import io.islands.engine.game.GameState;
import io.islands.runtime.ExitException;
import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.Name;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.Registry;
import io.islands.runtime.StartResult;
import io.islands.runtime.checkpoint.CheckpointServer;
import io.islands.runtime.checkpoint.RecoveryLedger;
import io.islands.runtime.supervisor.ChildSpec;
import io.islands.runtime.supervisor.DynamicSupervisor;
import io.islands.runtime.supervisor.GivenUp;
import io.islands.runtime.supervisor.Restart;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Games' supervision part: the game supervisor (a {@link DynamicSupervisor} registered under
 * {@link #name}, one transient {@link CheckpointServer} child per game, each registered by the
 * game's name in {@link #registry}), its child spec for a parent supervisor, and what happens
 * when one game is past its own restart limit (it is quarantined).
 *
 * <p>The game supervisor is found by its name on every use, never kept as a pid: when it dies,
 * its parent starts the next one under the same name. Thread-safe: the fields are final except
 * the volatile {@code closed} flag, which only goes from false to true.
 */
final class GameSupervision {
    /** How long a caller waits for the parent to restart a dead game supervisor, at most. */
    static final Duration RESTART_WAIT = Duration.ofSeconds(5);

    private final Games.Config config;
    private final Name name;
    private final Registry registry;
    private final RecoveryLedger ledger;
    /** Set once by {@link #close}: no wait for a restart from then on. */
    private volatile boolean closed;

    GameSupervision(Games.Config config, Name name, Registry registry, RecoveryLedger ledger) {
        this.config = config;
        this.name = name;
        this.registry = registry;
        this.ledger = ledger;
    }

    Name name() {
        return name;
    }

    Registry registry() {
        return registry;
    }

    RecoveryLedger ledger() {
        return ledger;
    }

    /**
     * @return the spec of the game supervisor for its parent: a supervisor child with no
     *     supervisor-wide restart limit, each game limited to {@code maxRestartsPerGame} restarts
     *     in {@code restartWindow}, registered under {@link #name}
     */
    ChildSpec childSpec(Object id) {
        DynamicSupervisor.Options options = DynamicSupervisor.Options.defaults()
                .withIntensity(DynamicSupervisor.UNLIMITED, Duration.ofSeconds(5))
                .withMaxRestartsPerChild(config.maxRestartsPerGame(), config.restartWindow())
                .withOnGiveUp(this::gaveUp)
                .withName(name);
        return DynamicSupervisor.childSpec(id, options);
    }

    /** @return the game supervisor running now, if any */
    Optional<Pid> current() {
        return name.whereis();
    }

    /**
     * Starts the game {@code game} under the game supervisor. A start that finds the supervisor
     * dead (or sees it die before answering) waits for its parent to start the next one, up to
     * {@link #RESTART_WAIT}, and tries again, up to 3 times.
     *
     * @throws ExitException noproc when no game supervisor runs (none restarted in time, or the
     *     tree was stopped)
     */
    StartResult startGame(String game) {
        return startGame(game, false);
    }

    /**
     * As {@link #startGame(String)}; with {@code loadAfterStart} the game loads its state after
     * its start has returned, in its own process ({@link CheckpointServer#loadingAfterStart}), so
     * that activations do not read the store one at a time inside the supervisor's start.
     */
    StartResult startGame(String game, boolean loadAfterStart) {
        AtomicBoolean restarting = new AtomicBoolean();
        ChildSpec spec = ChildSpec.worker(game, () -> {
                    CheckpointServer<GameState> server =
                            new CheckpointServer<>(game, new GameBehaviour(), config.store(), ledger, config.idleTimeout());
                    StartResult r = GenServer.startLink(loadAfterStart ? server.loadingAfterStart() : server,
                            GenServer.StartOptions.named(registry.via(game)));
                    // A restart that finds the name taken lost a race with an activation, which
                    // already runs the game from its saved state: this child is not needed.
                    return restarting.getAndSet(true) && r instanceof StartResult.AlreadyStarted
                            ? new StartResult.Ignore() : r;
                })
                .withRestart(Restart.TRANSIENT);
        for (int attempt = 0; ; attempt++) {
            Pid sup = awaitSupervisor();
            try {
                return DynamicSupervisor.startChild(sup, spec);
            } catch (ExitException e) {
                // the supervisor died before answering: the child was not kept; try the next one
                if (attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    /**
     * @return the game supervisor, waiting (bounded by {@link #RESTART_WAIT}) while its parent
     *     restarts a dead one: its name is released at its death, before the parent hears of it
     */
    private Pid awaitSupervisor() {
        long deadline = System.nanoTime() + RESTART_WAIT.toNanos();
        long pause = TimeUnit.MICROSECONDS.toNanos(50);
        for (;;) {
            Optional<Pid> sup = current();
            if (sup.isPresent() && sup.get().isAlive()) {
                return sup.get();
            }
            if (closed || System.nanoTime() - deadline >= 0) {
                throw new ExitException(ExitReason.NOPROC, "no game supervisor registered as " + name);
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** From now on a start finds no supervisor at once instead of waiting for a restart. */
    void close() {
        closed = true;
    }

    /** A game past its own restart limit: set its state aside (off the supervisor's thread). */
    private void gaveUp(GivenUp given) {
        String game = String.valueOf(given.id());
        Proc.spawn(() -> {
            if (!config.store().versions(game).isEmpty()) {
                config.store().quarantine(game, "crashed " + given.restarts() + " times within "
                        + config.restartWindow() + "; last reason: " + given.reason());
            }
            ledger.forget(game);
        });
    }
}
