package io.islands.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.islands.engine.game.GameState;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.checkpoint.MemoryStateStore;
import io.islands.runtime.checkpoint.Saved;
import io.islands.runtime.checkpoint.StateStore;
import io.islands.runtime.checkpoint.StoreException;
import io.islands.runtime.supervisor.DynamicSupervisor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Activation: the game loads its state after its start, in its own process; a move that arrives
 * meanwhile waits for the load; a load that cannot read the store refuses the move as STORE, as a
 * start that could not read it does, and the game is not restarted for it.
 */
class ActivationTest {
    final MemoryStateStore<GameState> memory = new MemoryStateStore<>(3);
    final CountDownLatch gate = new CountDownLatch(1);
    volatile boolean down;

    /** The memory store; the game processes' reads of versions wait at {@link #gate}, then fail while {@link #down}. */
    @SuppressWarnings("unchecked")
    final StateStore<GameState> store = (StateStore<GameState>) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {StateStore.class}, (proxy, method, args) -> {
                if (method.getName().equals("versions") && Proc.current().isPresent()) {
                    gate.await(30, TimeUnit.SECONDS);
                    if (down) {
                        throw new StoreException("the disk is gone");
                    }
                }
                try {
                    return method.invoke(memory, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    final Games games = Games.start(Games.Config.defaults(store));

    @AfterEach
    void stop() {
        games.close();
    }

    @Test
    void aMoveWaitsForTheLoad_andALoadThatCannotReadTheStoreRefusesItAsStoreWithoutARestart() {
        memory.save("moon", new Saved<>(1, GameState.fresh("moon")));
        down = true;
        CompletableFuture<GameState> move = CompletableFuture.supplyAsync(() -> games.state("moon"));
        await().atMost(Duration.ofSeconds(10)).until(() -> games.whereis("moon").map(Proc::mailboxSize).orElse(0) == 1);
        Pid loading = games.whereis("moon").orElseThrow();
        assertThat(move).as("the move waits for the load").isNotDone();

        gate.countDown();
        Throwable refused = catchThrowable(move::join);
        assertThat(refused).hasCauseInstanceOf(GameUnavailableException.class);
        assertThat(((GameUnavailableException) refused.getCause()).why()).isEqualTo(GameUnavailableException.Why.STORE);
        await().atMost(Duration.ofSeconds(10)).until(() -> !loading.isAlive()
                && DynamicSupervisor.whichChildren(games.supervisor().orElseThrow()).isEmpty()); // not restarted

        down = false; // the store is back: the next move activates the game again
        assertThat(games.state("moon")).isEqualTo(GameState.fresh("moon"));
    }
}
