package io.islands.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.islands.engine.game.GameState;
import io.islands.engine.game.Player;
import io.islands.engine.game.PlayerView;
import io.islands.runtime.ExitReason;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.checkpoint.MemoryStateStore;
import io.islands.runtime.checkpoint.Saved;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The book's restore races with the first call (it loads the state from a message it sends
 * itself). Here calls hammer a game's name while it is killed and restarted thousands of times:
 * no reply may come from a fresh state, and no fresh state may ever be saved over the game.
 */
class RestartRaceTest {
    static final int RESTARTS = 2000;

    @Test
    void noCallEverSeesAFreshStateOfAGameThatHasASavedOne() throws Exception {
        MemoryStateStore<GameState> store = new MemoryStateStore<>(3);
        try (Games games = Games.start(Games.Config.defaults(store)
                .withMaxRestartsPerGame(Integer.MAX_VALUE, Duration.ofSeconds(1)))) {
            games.startGame("moon");
            games.addPlayer("moon", "diva");
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger replies = new AtomicInteger();
            AtomicInteger unavailable = new AtomicInteger();
            AtomicReference<String> fresh = new AtomicReference<>();
            Thread[] callers = new Thread[4];
            for (int c = 0; c < callers.length; c++) {
                callers[c] = Thread.startVirtualThread(() -> {
                    while (running.get()) {
                        PlayerView v;
                        try {
                            v = games.view("moon", Player.PLAYER1);
                        } catch (GameUnavailableException e) {
                            unavailable.incrementAndGet(); // killed on every retry: no reply, fine
                            continue;
                        }
                        if (v.player2Name().isEmpty()) {
                            fresh.compareAndSet(null, "a reply came from a fresh state: " + v);
                        }
                        replies.incrementAndGet();
                    }
                });
            }
            for (int i = 0; i < RESTARTS; i++) {
                Pid pid = games.whereis("moon").orElseGet(() -> games.startGame("moon").pid());
                Proc.exit(pid, ExitReason.kill());
                await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).until(() -> games.whereis("moon").filter(p -> !p.equals(pid)).isPresent());
            }
            running.set(false);
            for (Thread t : callers) {
                t.join();
            }
            System.out.printf("restart race: %d restarts, %d replies, %d calls killed on every retry, none fresh: %s%n",
                    RESTARTS, replies.get(), unavailable.get(), fresh.get() == null);
            assertThat(fresh.get()).isNull();
            // Restarts only read: the newest saved version is still the one add_player wrote.
            Saved<GameState> newest = store.newest("moon").orElseThrow();
            assertThat(newest.revision()).isEqualTo(2);
            assertThat(newest.state().player2().name()).isEqualTo("diva");
            assertThat(replies.get()).isGreaterThan(RESTARTS);
        }
    }
}
