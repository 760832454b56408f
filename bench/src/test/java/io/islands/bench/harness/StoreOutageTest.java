package io.islands.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.islands.engine.game.GameState;
import io.islands.engine.game.Outcome;
import io.islands.engine.game.Player;
import io.islands.engine.process.GameUnavailableException;
import io.islands.engine.process.Games;
import io.islands.server.game.GameStateCodec;
import io.islands.storage.CloseableStateStore;
import io.islands.storage.StateStores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A game on a real SQLite store that becomes unwritable (another connection holds an exclusive
 * transaction): the move gets a clear STORE error and is not acknowledged, the game keeps its last
 * good state, and once the lock is gone play resumes with every acknowledged move in the store.
 * Default store options: the store's busy timeout must end before the game call's timeout, or the
 * caller would get TIMEOUT (outcome unknown) instead.
 */
class StoreOutageTest {

    @Test
    void aMoveWhileTheStoreIsLockedFailsClearlyAndPlayResumesAfterwards(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("games.db");
        GameState acknowledged;
        try (CloseableStateStore<GameState> store = StateStores.open("sqlite:" + file, GameStateCodec.INSTANCE, 3);
                Games games = Games.start(Games.Config.defaults(store))) {
            GameSetup.playReady(games, "g");
            assertThat(games.guessCoordinate("g", Player.PLAYER1, 10, 10)).isInstanceOf(Outcome.Ok.class);
            GameState lastGood = games.state("g");

            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                    Statement st = other.createStatement()) {
                st.execute("BEGIN EXCLUSIVE");
                assertThatThrownBy(() -> games.guessCoordinate("g", Player.PLAYER2, 10, 10))
                        .isInstanceOfSatisfying(GameUnavailableException.class, e -> {
                            assertThat(e.why()).isEqualTo(GameUnavailableException.Why.STORE);
                            assertThat(e.getMessage()).contains("not saved").contains("locked");
                        });
                assertThat(games.state("g")).isEqualTo(lastGood);
                st.execute("ROLLBACK");
            }

            assertThat(games.guessCoordinate("g", Player.PLAYER2, 10, 10)).isInstanceOf(Outcome.Ok.class);
            assertThat(games.guessCoordinate("g", Player.PLAYER1, 10, 9)).isInstanceOf(Outcome.Ok.class);
            acknowledged = games.state("g");
            assertThat(acknowledged.player2().guesses()).isNotEqualTo(lastGood.player2().guesses());
        }
        // A new JVM's view: the store reopened, the game activated from it.
        try (CloseableStateStore<GameState> store = StateStores.open("sqlite:" + file, GameStateCodec.INSTANCE, 3);
                Games games = Games.start(Games.Config.defaults(store))) {
            assertThat(games.state("g")).isEqualTo(acknowledged);
        }
    }

    @Test
    void aSavedGameWhoseStoreIsDownIsNotStarted_andComesBackWithTheStore(@TempDir Path dir) throws Exception {
        String url = "sqlite:" + dir.resolve("games.db");
        GameState acknowledged;
        try (CloseableStateStore<GameState> store = StateStores.open(url, GameStateCodec.INSTANCE, 3);
                Games games = Games.start(Games.Config.defaults(store))) {
            GameSetup.playReady(games, "g");
            acknowledged = games.state("g");
        }
        // A new JVM whose store goes away before the game's first move: activation cannot read it.
        CloseableStateStore<GameState> down = StateStores.open(url, GameStateCodec.INSTANCE, 3);
        try (Games games = Games.start(Games.Config.defaults(down))) {
            down.close();
            assertThatThrownBy(() -> games.guessCoordinate("g", Player.PLAYER1, 10, 10))
                    .isInstanceOfSatisfying(GameUnavailableException.class, e -> {
                        assertThat(e.why()).isEqualTo(GameUnavailableException.Why.STORE);
                        assertThat(e.getMessage()).contains("store");
                    });
            assertThat(games.whereis("g")).isEmpty();
        }
        try (CloseableStateStore<GameState> store = StateStores.open(url, GameStateCodec.INSTANCE, 3);
                Games games = Games.start(Games.Config.defaults(store))) {
            assertThat(games.state("g")).isEqualTo(acknowledged);
            assertThat(games.guessCoordinate("g", Player.PLAYER1, 10, 10)).isInstanceOf(Outcome.Ok.class);
        }
    }
}
