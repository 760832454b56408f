package io.islands.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.islands.engine.game.GameState;
import io.islands.engine.game.Player;
import io.islands.engine.game.RulesState;
import io.islands.runtime.ExitReason;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.checkpoint.MemoryStateStore;
import io.islands.runtime.checkpoint.Quarantined;
import io.islands.runtime.checkpoint.Saved;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Games.info (from the saved versions), runningNames and quarantineRecord: what the observer reads. */
class GameInfoTest {
    final MemoryStateStore<GameState> store = new MemoryStateStore<>(3);
    final Games games = Games.start(Games.Config.defaults(store));

    @AfterEach
    void stop() {
        games.close();
    }

    private Optional<String> lastMove(String game) {
        return games.info(game).orElseThrow().lastMove();
    }

    @Test
    void infoNamesEachMoveAndFollowsTheRules() {
        games.startGame("moon");
        GameInfo fresh = games.info("moon").orElseThrow();
        assertThat(fresh.revision()).isEqualTo(1);
        assertThat(fresh.rules()).isEqualTo(RulesState.INITIALIZED);
        assertThat(fresh.player2()).isEmpty();
        assertThat(fresh.lastMove()).isEmpty();
        assertThat(fresh.pid()).isEqualTo(games.whereis("moon"));

        games.addPlayer("moon", "diva");
        assertThat(lastMove("moon")).contains("add_player diva");
        assertThat(games.info("moon").orElseThrow().player2()).contains("diva");
        for (Player p : Player.values()) {
            for (Object[] d : GamesTest.DEMO) {
                games.positionIsland("moon", p, (String) d[0], (int) d[1], (int) d[2]);
                assertThat(lastMove("moon")).contains("position_island " + p.wire() + " " + d[0] + " (" + d[1] + "," + d[2] + ")");
            }
            games.setIslands("moon", p);
            assertThat(lastMove("moon")).contains("set_islands " + p.wire());
        }
        games.positionIsland("moon", Player.PLAYER1, "dot", 9, 9); // refused: nothing saved
        assertThat(lastMove("moon")).contains("set_islands player2");

        games.guessCoordinate("moon", Player.PLAYER1, 1, 1);
        assertThat(lastMove("moon")).contains("guess_coordinate player1 (1,1) hit");
        games.guessCoordinate("moon", Player.PLAYER2, 10, 10);
        assertThat(lastMove("moon")).contains("guess_coordinate player2 (10,10) miss");
        for (int i = 1; i < GamesTest.DEMO_LAND.length; i++) {
            games.guessCoordinate("moon", Player.PLAYER1, GamesTest.DEMO_LAND[i][0], GamesTest.DEMO_LAND[i][1]);
            if (i < GamesTest.DEMO_LAND.length - 1) {
                games.guessCoordinate("moon", Player.PLAYER2, 10, i % 10 + 1);
            }
        }
        int[] last = GamesTest.DEMO_LAND[GamesTest.DEMO_LAND.length - 1];
        assertThat(lastMove("moon")).contains("guess_coordinate player1 (" + last[0] + "," + last[1] + ") hit, won");
        assertThat(games.info("moon").orElseThrow().rules()).isEqualTo(RulesState.GAME_OVER);
    }

    @Test
    void aKilledGameKeepsItsInfoUnderANewPid() {
        games.startGame("sun");
        games.addPlayer("sun", "diva");
        Pid before = games.whereis("sun").orElseThrow();
        GameInfo info = games.info("sun").orElseThrow();
        Proc.exit(before, ExitReason.KILL);
        Awaitility.await().until(() -> games.whereis("sun").filter(p -> !p.equals(before)).isPresent());
        GameInfo after = games.info("sun").orElseThrow();
        assertThat(after.pid()).isPresent().get().isNotEqualTo(before);
        assertThat(after).usingRecursiveComparison().ignoringFields("pid").isEqualTo(info);
        assertThat(games.runningNames()).contains("sun");
    }

    /** Regression: the observer's row of a killed game was removed and made again when a read fell in its restart. */
    @Test
    void aKilledGameStaysInRunningNamesWhileItRestarts_andLeavesThemWhenStopped() throws Exception {
        int kills = 50;
        try (Games many = Games.start(Games.Config.defaults(store).withMaxRestartsPerGame(kills * 2, Duration.ofMinutes(1)))) {
            many.startGame("sun");
            AtomicBoolean done = new AtomicBoolean();
            AtomicLong reads = new AtomicLong();
            List<List<String>> without = new CopyOnWriteArrayList<>();
            Thread lister = Thread.ofVirtual().name("game-info-test-lister").start(() -> {
                while (!done.get()) {
                    List<String> names = many.runningNames();
                    reads.incrementAndGet();
                    if (!names.contains("sun")) {
                        without.add(names);
                    }
                }
            });
            for (int i = 0; i < kills; i++) {
                Pid before = many.whereis("sun").orElseThrow();
                long readsBefore = reads.get();
                Proc.exit(before, ExitReason.KILL);
                // a few reads fall between the kill and the restart, or right after it
                Awaitility.await().until(() -> many.whereis("sun").filter(p -> !p.equals(before)).isPresent()
                        && reads.get() > readsBefore + 2);
            }
            done.set(true);
            lister.join();
            assertThat(without).as("lists without the restarting game").isEmpty();
            assertThat(reads.get()).isGreaterThan(kills * 2L);

            many.stopGame("sun");
            assertThat(many.runningNames()).doesNotContain("sun");
        }
    }

    @Test
    void runningNamesAndQuarantineRecords() {
        games.startGame("b");
        games.startGame("a");
        assertThat(games.runningNames()).containsExactly("a", "b");

        store.save("poisoned", new Saved<>(1, GameState.fresh("poisoned")));
        store.quarantine("poisoned", "set aside by the test");
        assertThat(games.quarantineRecord("poisoned")).get().extracting(Quarantined::reason).isEqualTo("set aside by the test");
        assertThat(games.info("poisoned")).isEmpty();
        assertThat(games.quarantineRecord("a")).isEmpty();
        assertThat(games.info("nothing")).isEmpty();
    }
}
