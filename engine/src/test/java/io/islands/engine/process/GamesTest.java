package io.islands.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.islands.engine.game.GameError;
import io.islands.engine.game.GameState;
import io.islands.engine.game.GuessReply;
import io.islands.engine.game.Outcome;
import io.islands.engine.game.Player;
import io.islands.engine.game.RulesState;
import io.islands.runtime.ExitReason;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.StartResult;
import io.islands.runtime.checkpoint.MemoryStateStore;
import io.islands.runtime.checkpoint.Saved;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GamesTest {
    static final List<Object[]> DEMO = List.of(
            new Object[] {"atoll", 1, 1}, new Object[] {"dot", 1, 5}, new Object[] {"l_shape", 1, 7},
            new Object[] {"s_shape", 5, 1}, new Object[] {"square", 5, 5});
    static final int[][] DEMO_LAND = {{1, 1}, {1, 2}, {2, 2}, {3, 1}, {3, 2}, {1, 5}, {1, 7}, {2, 7}, {3, 7}, {3, 8},
        {5, 2}, {5, 3}, {6, 1}, {6, 2}, {5, 5}, {5, 6}, {6, 5}, {6, 6}};

    final MemoryStateStore<GameState> store = new MemoryStateStore<>(3);
    final Games games = Games.start(Games.Config.defaults(store));

    @AfterEach
    void stop() {
        games.close();
    }

    static void setUp(Games games, String name) {
        assertThat(games.startGame(name)).isInstanceOf(StartResult.Ok.class);
        assertThat(games.addPlayer(name, "diva")).isInstanceOf(Outcome.Ok.class);
        for (Player p : Player.values()) {
            for (Object[] d : DEMO) {
                assertThat(games.positionIsland(name, p, (String) d[0], (int) d[1], (int) d[2])).isInstanceOf(Outcome.Ok.class);
            }
            assertThat(games.setIslands(name, p)).isInstanceOf(Outcome.Ok.class);
        }
    }

    @Test
    void aFullGameIsPlayedToAWinThroughTheProcess() {
        setUp(games, "moon");
        GuessReply last = null;
        for (int[] cell : DEMO_LAND) {
            Outcome<GuessReply> g1 = games.guessCoordinate("moon", Player.PLAYER1, cell[0], cell[1]);
            last = ((Outcome.Ok<GuessReply>) g1).reply();
            if (last.win()) {
                break;
            }
            games.guessCoordinate("moon", Player.PLAYER2, 10, 10);
        }
        assertThat(last.win()).isTrue();
        assertThat(games.state("moon").rules().state()).isEqualTo(RulesState.GAME_OVER);
        assertThat(games.guessCoordinate("moon", Player.PLAYER2, 1, 1)).isEqualTo(new Outcome.Failed<>(GameError.RULES));
    }

    @Test
    void startGameTwiceAnswersAlreadyStarted_andErrorsComeInTheBooksOrder() {
        Pid pid = games.startGame("moon").pid();
        assertThat(games.startGame("moon")).isEqualTo(new StartResult.AlreadyStarted(pid));
        // rules refusal wins over a bad island and a bad coordinate
        assertThat(games.positionIsland("moon", Player.PLAYER1, "boat", 0, 0)).isEqualTo(new Outcome.Failed<>(GameError.RULES));
        games.addPlayer("moon", "diva");
        assertThat(games.positionIsland("moon", Player.PLAYER1, "boat", 0, 0))
                .isEqualTo(new Outcome.Failed<>(GameError.INVALID_COORDINATE));
        assertThat(games.positionIsland("moon", Player.PLAYER1, "boat", 1, 1))
                .isEqualTo(new Outcome.Failed<>(GameError.INVALID_ISLAND_TYPE));
    }

    @Test
    void aKilledGameComesBackWithItsLastState() {
        setUp(games, "moon");
        games.guessCoordinate("moon", Player.PLAYER1, 1, 1);
        GameState before = games.state("moon");
        Pid old = games.whereis("moon").orElseThrow();
        Proc.exit(old, ExitReason.kill());
        await().until(() -> games.whereis("moon").filter(p -> !p.equals(old)).isPresent());
        assertThat(games.state("moon")).isEqualTo(before);
    }

    @Test
    void aGameThatIsNotRunningIsActivatedFromItsSavedState() {
        setUp(games, "moon");
        GameState before = games.state("moon");
        games.close();
        try (Games again = Games.start(Games.Config.defaults(store))) {
            assertThat(again.whereis("moon")).isEmpty();
            assertThat(again.state("moon")).isEqualTo(before);
            assertThat(again.whereis("moon")).isPresent();
        }
    }

    @Test
    void stopGameAndIdleTimeoutDeleteTheState_aCrashDoesNot() {
        games.startGame("a");
        games.stopGame("a");
        assertThat(store.versions("a")).isEmpty();
        assertThatThrownBy(() -> games.stopGame("a")).isInstanceOf(GameUnavailableException.class)
                .extracting(e -> ((GameUnavailableException) e).why()).isEqualTo(GameUnavailableException.Why.NOT_FOUND);
        assertThatThrownBy(() -> games.view("nobody", Player.PLAYER1))
                .extracting(e -> ((GameUnavailableException) e).why()).isEqualTo(GameUnavailableException.Why.NOT_FOUND);

        games.startGame("b");
        Pid b = games.whereis("b").orElseThrow();
        Proc.exit(b, ExitReason.other("boom"));
        await().until(() -> games.whereis("b").filter(p -> !p.equals(b)).isPresent());
        assertThat(store.versions("b")).isNotEmpty();

        try (Games quick = Games.start(Games.Config.defaults(store).withIdleTimeout(Duration.ofMillis(100)))) {
            quick.startGame("c");
            quick.addPlayer("c", "diva");
            await().until(() -> quick.whereis("c").isEmpty());
            assertThat(store.versions("c")).isEmpty();
        }
    }

    @Test
    void aPoisonedStateFallsBackOrIsQuarantined_andOtherGamesPlayOn() {
        setUp(games, "good");
        GameState alien = GameState.fresh("someone-else");
        // fallback: revision 2 is poisoned (belongs to another name), revision 1 is good
        store.save("fb", new Saved<>(1, GameState.fresh("fb")));
        store.save("fb", new Saved<>(2, alien));
        assertThat(games.state("fb")).isEqualTo(GameState.fresh("fb"));
        // quarantine: the only version is poisoned
        store.save("bad", new Saved<>(1, alien));
        assertThatThrownBy(() -> games.state("bad")).isInstanceOf(GameUnavailableException.class)
                .extracting(e -> ((GameUnavailableException) e).why()).isEqualTo(GameUnavailableException.Why.QUARANTINED);
        assertThat(games.quarantined()).containsExactly("bad");
        assertThatThrownBy(() -> games.state("bad"))
                .extracting(e -> ((GameUnavailableException) e).why()).isEqualTo(GameUnavailableException.Why.QUARANTINED);
        assertThat(games.supervisor()).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        assertThat(games.guessCoordinate("good", Player.PLAYER1, 1, 1)).isInstanceOf(Outcome.Ok.class);
    }

    @Test
    void aCrashStormOfAThousandGamesIsContained() {
        int n = 1000;
        for (int i = 0; i < n; i++) {
            games.startGame("g" + i);
            games.addPlayer("g" + i, "p2");
        }
        List<Pid> before = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            before.add(games.whereis("g" + i).orElseThrow());
        }
        long t0 = System.nanoTime();
        before.forEach(p -> Proc.exit(p, ExitReason.other("storm")));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (int i = 0; i < n; i++) {
                var p = games.whereis("g" + i);
                if (p.isEmpty() || p.get().equals(before.get(i))) {
                    return false;
                }
            }
            return true;
        });
        System.out.printf("crash storm: %d games crashed once and were all restarted in %.0f ms%n",
                n, (System.nanoTime() - t0) / 1e6);
        assertThat(games.supervisor()).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        for (int i = 0; i < n; i++) {
            assertThat(games.state("g" + i).player2().name()).isEqualTo("p2");
        }
    }

    @Test
    void gamesComeBackAfterTheGameSupervisorIsKilled() {
        setUp(games, "moon");
        assertThat(games.guessCoordinate("moon", Player.PLAYER1, 10, 10)).isInstanceOf(Outcome.Ok.class);
        GameState before = games.state("moon");
        Pid oldSupervisor = games.supervisor().orElseThrow();
        Pid oldGame = games.whereis("moon").orElseThrow();
        Proc.exit(oldSupervisor, ExitReason.kill());
        await().atMost(Duration.ofSeconds(5)).until(() -> !oldGame.isAlive());

        // its parent starts a new supervisor, and the next move activates the game from its saved state
        assertThat(games.state("moon")).isEqualTo(before);
        assertThat(games.supervisor()).isNotEqualTo(Optional.of(oldSupervisor));
        assertThat(games.supervisor()).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        assertThat(games.guessCoordinate("moon", Player.PLAYER2, 10, 10)).isInstanceOf(Outcome.Ok.class);
        // new games start under the new supervisor, and it restarts them as before
        assertThat(games.startGame("sun")).isInstanceOf(StartResult.Ok.class);
        Pid sun = games.whereis("sun").orElseThrow();
        Proc.exit(sun, ExitReason.other("boom"));
        await().atMost(Duration.ofSeconds(5)).until(() -> games.whereis("sun").filter(p -> !p.equals(sun)).isPresent());
    }

    @Test
    void aKilledGameSupervisorIsRestartedByItsParentWithoutWaitingForACall() {
        Pid killed = games.supervisor().orElseThrow();
        Proc.exit(killed, ExitReason.kill());
        // no call to games in between: its parent supervisor restarts it under the same name
        await().atMost(Duration.ofSeconds(5))
                .until(() -> games.supervisor().filter(p -> !p.equals(killed) && p.isAlive()).isPresent());
    }

    @Test
    void aClosedGamesStartsNoNewSupervisor() {
        games.close();
        assertThatThrownBy(() -> games.startGame("late")).isInstanceOf(io.islands.runtime.ExitException.class);
        assertThat(games.supervisor()).isEmpty();
    }

    /** The id and its reply are in the saved state the restarted process restores. */
    @Test
    void aGuessRetriedWithItsIdAfterTheGameProcessWasKilled_isAnsweredFromTheStore_andNothingIsSaved() {
        setUp(games, "moon");
        Optional<String> id = Optional.of("guess-1");
        Outcome.Ok<GuessReply> first = (Outcome.Ok<GuessReply>) games.guessCoordinate("moon", Player.PLAYER1, 1, 1, id);
        assertThat(first.replayed()).isFalse();
        long revision = store.versions("moon").get(0).revision();

        Pid before = games.whereis("moon").orElseThrow();
        Proc.exit(before, ExitReason.kill());
        await().atMost(Duration.ofSeconds(5)).until(() -> !before.isAlive());

        Outcome<GuessReply> again = games.guessCoordinate("moon", Player.PLAYER1, 1, 1, id);
        assertThat(again).isInstanceOfSatisfying(Outcome.Ok.class, ok -> {
            assertThat(ok.replayed()).isTrue();
            assertThat(ok.reply()).isEqualTo(first.reply());
        });
        assertThat(games.whereis("moon")).hasValueSatisfying(p -> assertThat(p).isNotEqualTo(before));
        assertThat(store.versions("moon").get(0).revision()).as("no save for a replay").isEqualTo(revision);
        assertThat(games.state("moon")).isEqualTo(first.state());
        // the game goes on: it is player 2's turn, as after one guess
        assertThat(games.guessCoordinate("moon", Player.PLAYER2, 10, 10, Optional.of("guess-1"))).isInstanceOf(Outcome.Ok.class);
    }
}
