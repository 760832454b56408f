package io.islands.engine.process;

import io.islands.engine.game.GameState;
import io.islands.engine.game.LastMove;
import io.islands.runtime.ExitException;
import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.Pid;
import io.islands.runtime.checkpoint.CheckpointServer;
import io.islands.runtime.checkpoint.Quarantined;
import io.islands.runtime.checkpoint.RecoveryLedger;
import io.islands.runtime.checkpoint.Saved;
import io.islands.runtime.checkpoint.UnreadableStateException;
import io.islands.runtime.supervisor.Supervisor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * Games' administration part: what tools and operators do to games besides playing (stop one,
 * read it without waking it, list, quarantine and release). Stateless apart from its final
 * collaborators; any thread.
 */
final class GameAdmin {
    private final Games.Config config;
    private final GameSupervision supervision;
    private final RecoveryLedger ledger;

    GameAdmin(Games.Config config, GameSupervision supervision, RecoveryLedger ledger) {
        this.config = config;
        this.supervision = supervision;
        this.ledger = ledger;
    }

    /** See {@link Games#stopGame}. */
    void stopGame(String name) {
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

    /** See {@link Games#handOff}. */
    boolean handOff(String name) {
        Optional<Pid> pid = whereis(name);
        if (pid.isEmpty()) {
            return false;
        }
        try {
            GenServer.stop(pid.get(), Games.HANDED_OFF, config.callTimeout());
            return true;
        } catch (ExitException e) {
            if (e.reason() instanceof ExitReason.NoProc) {
                return false; // stopped meanwhile
            }
            throw e;
        }
    }

    /** See {@link Games#handOffAll(Consumer)}: hands {@code names} off, {@link Games#HAND_OFF_PARALLELISM} at once. */
    List<String> handOffAll(List<String> names, Consumer<String> afterEach) {
        Objects.requireNonNull(afterEach, "afterEach");
        if (names.isEmpty()) {
            return List.of();
        }
        Set<String> stopped = ConcurrentHashMap.newKeySet();
        Queue<RuntimeException> failures = new ConcurrentLinkedQueue<>();
        ThreadFactory threads = Thread.ofVirtual().name("games-hand-off-", 0).factory();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(Games.HAND_OFF_PARALLELISM, names.size()), threads)) {
            for (String name : names) {
                pool.execute(() -> {
                    try {
                        if (handOff(name)) {
                            stopped.add(name);
                        }
                        afterEach.accept(name);
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                });
            }
        } // close() waits for every task
        RuntimeException first = failures.poll();
        if (first != null) {
            failures.forEach(first::addSuppressed);
            throw first;
        }
        return names.stream().filter(stopped::contains).toList();
    }

    Optional<Pid> whereis(String name) {
        return supervision.registry().whereis(name);
    }

    /** See {@link Games#started}. */
    boolean started(String name) {
        try {
            return whereis(name).isPresent() || !config.store().versions(name).isEmpty();
        } catch (UnreadableStateException e) {
            return true;
        }
    }

    int running() {
        return supervision.registry().count();
    }

    /** See {@link Games#runningNames}. */
    List<String> runningNames() {
        Optional<Pid> sup = supervision.current();
        if (sup.isEmpty()) {
            return List.of();
        }
        try {
            return Supervisor.status(sup.get(), Integer.MAX_VALUE, config.callTimeout()).children().stream()
                    .map(c -> String.valueOf(c.id())).distinct().sorted().toList();
        } catch (ExitException e) {
            if (e.reason() instanceof ExitReason.NoProc) {
                return List.of(); // it died meanwhile, and its games with it
            }
            throw e;
        }
    }

    /** See {@link Games#info}. */
    Optional<GameInfo> info(String name) {
        List<Saved<GameState>> versions = config.store().versions(name);
        return versions.isEmpty() ? Optional.empty() : Optional.of(info(name, versions));
    }

    /** See {@link Games#infos}. */
    List<GameInfo> infos(List<String> names) {
        List<GameInfo> out = new ArrayList<>(names.size());
        config.store().versionsOf(names).forEach((name, versions) -> out.add(info(name, versions)));
        return out;
    }

    private GameInfo info(String name, List<Saved<GameState>> versions) {
        GameState now = versions.get(0).state();
        Optional<String> last = versions.size() < 2 || versions.get(1).revision() != versions.get(0).revision() - 1
                ? Optional.empty() : LastMove.between(versions.get(1).state(), now);
        return new GameInfo(name, whereis(name), versions.get(0).revision(),
                Optional.ofNullable(now.player2().name()), now.rules().state(), last);
    }

    Optional<Quarantined<GameState>> quarantineRecord(String name) {
        return config.store().quarantined(name);
    }

    List<String> quarantined() {
        return config.store().quarantinedKeys();
    }

    boolean release(String name) {
        ledger.forget(name);
        return config.store().release(name).isPresent();
    }
}
