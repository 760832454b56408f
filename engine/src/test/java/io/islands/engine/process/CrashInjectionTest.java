package io.islands.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.islands.engine.game.GameState;
import io.islands.engine.game.Moves;
import io.islands.engine.game.Outcome;
import io.islands.runtime.ExitReason;
import io.islands.runtime.Proc;
import io.islands.runtime.checkpoint.MemoryStateStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Thousands of games play seeded random legal and illegal moves while game processes are
 * killed at random moments; afterwards every game's state equals the state after its last
 * acknowledged move, and no game is lost.
 */
class CrashInjectionTest {
    static final int GAMES = 2000;
    static final int DRIVERS = 8;
    static final int MOVES_PER_GAME = 25;
    static final int MIN_KILLS = 200;

    /** The model: what the game must answer and become, computed without the process. */
    static Object expected(GameState s, GameRequest<?> r) {
        return switch (r) {
            case GameRequest.AddPlayer a -> Moves.addPlayer(s, a.name());
            case GameRequest.PositionIsland p -> Moves.positionIsland(s, p.player(), p.island(), p.row(), p.col());
            case GameRequest.SetIslands x -> Moves.setIslands(s, x.player());
            case GameRequest.GuessCoordinate g -> Moves.guessCoordinate(s, g.player(), g.row(), g.col());
            case GameRequest.View v -> Moves.view(s, v.player());
            case GameRequest.ViewByName v -> Moves.viewByName(s, v.screenName());
            case GameRequest.State x -> s;
        };
    }

    @Test
    void everyAcknowledgedMoveSurvivesRandomKills() throws Exception {
        long seed = Long.getLong("seed", System.nanoTime());
        System.out.println("CrashInjectionTest seed=" + seed + " (rerun with -Dseed=" + seed + ")");
        MemoryStateStore<GameState> store = new MemoryStateStore<>(3);
        try (Games games = Games.start(Games.Config.defaults(store)
                .withMaxRestartsPerGame(Integer.MAX_VALUE, Duration.ofSeconds(1)))) {
            ConcurrentHashMap<String, GameState> model = new ConcurrentHashMap<>();
            for (int i = 0; i < GAMES; i++) {
                games.startGame("g" + i);
                model.put("g" + i, GameState.fresh("g" + i));
            }
            AtomicBoolean playing = new AtomicBoolean(true);
            AtomicInteger kills = new AtomicInteger();
            AtomicInteger acks = new AtomicInteger();
            AtomicInteger unanswered = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(DRIVERS);
            for (int d = 0; d < DRIVERS; d++) {
                SplittableRandom rnd = new SplittableRandom(seed + d);
                int driver = d;
                Thread.startVirtualThread(() -> {
                    try {
                        // play the rounds, and go on (bounded) until the killer has killed enough,
                        // so that a slow machine cannot turn this into a test without kills
                        for (int m = 0; m < MOVES_PER_GAME || (kills.get() < MIN_KILLS && m < 40 * MOVES_PER_GAME); m++) {
                            for (int i = driver; i < GAMES; i += DRIVERS) {
                                String name = "g" + i;
                                GameState local = model.get(name);
                                GameRequest<?> request = RandomMoves.next(rnd, local);
                                Object reply;
                                try {
                                    reply = games.call(name, request);
                                } catch (GameUnavailableException e) {
                                    if (!e.getMessage().contains("keeps stopping")) {
                                        throw e;
                                    }
                                    // killed on every retry: never answered, so never applied; the
                                    // final comparison checks that the model (unchanged) still holds
                                    unanswered.incrementAndGet();
                                    continue;
                                }
                                Object want = expected(local, request);
                                if (!reply.equals(want)) {
                                    throw new AssertionError("seed " + seed + ": " + name + " answered " + reply
                                            + " to " + request + ", expected " + want);
                                }
                                if (want instanceof Outcome.Ok<?> ok) {
                                    model.put(name, ok.state());
                                }
                                acks.incrementAndGet();
                            }
                        }
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    } finally {
                        done.countDown();
                    }
                });
            }
            Thread killer = Thread.ofPlatform().start(() -> { // a platform thread: not queued behind the drivers
                SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
                while (playing.get()) {
                    games.whereis("g" + rnd.nextInt(GAMES)).ifPresent(pid -> {
                        Proc.exit(pid, rnd.nextBoolean() ? ExitReason.kill() : ExitReason.other("chaos"));
                        kills.incrementAndGet();
                    });
                    Thread.yield();
                }
            });
            done.await();
            playing.set(false);
            killer.join();
            if (failure.get() != null) {
                throw new AssertionError("seed " + seed, failure.get());
            }
            List<String> wrong = new ArrayList<>();
            for (int i = 0; i < GAMES; i++) {
                String name = "g" + i;
                if (!games.state(name).equals(model.get(name))) {
                    wrong.add(name);
                }
            }
            System.out.printf("crash injection: %d games, %d acknowledged moves, %d unanswered, %d kills, %d wrong%n",
                    GAMES, acks.get(), unanswered.get(), kills.get(), wrong.size());
            assertThat(kills.get()).as("seed %d: the killer must have killed", seed).isGreaterThanOrEqualTo(MIN_KILLS);
            assertThat(wrong).as("seed %d: games whose state is not the last acknowledged one", seed).isEmpty();
            assertThat(games.supervisor()).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        }
    }
}
