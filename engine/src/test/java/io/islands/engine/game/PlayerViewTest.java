package io.islands.engine.game;

import static io.islands.engine.game.Player.PLAYER1;
import static io.islands.engine.game.Player.PLAYER2;
import static io.islands.engine.game.TestGames.state;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlayerViewTest {

    @Test
    void freshGameSeenByPlayerOne() {
        PlayerView view = Moves.view(GameState.fresh("alice"), PLAYER1);
        assertThat(view).isEqualTo(new PlayerView(Optional.of(PLAYER1), true, Board.empty(), Guesses.empty(), Guesses.empty(),
                java.util.Set.of(), RulesState.INITIALIZED, Optional.empty(), "alice", Optional.empty(), false, false, Optional.empty()));
        assertThat(view.myTurn()).isFalse();
    }

    @Test
    void duringPlayEachSideSeesItsOwnBoardAndBothSidesGuesses() {
        GameState game = state(Moves.guessCoordinate(TestGames.playing(), PLAYER1, 1, 1));
        game = state(Moves.guessCoordinate(game, PLAYER2, 10, 10));

        PlayerView bob = Moves.view(game, PLAYER2);
        assertThat(bob.role()).contains(PLAYER2);
        assertThat(bob.board()).isEqualTo(game.player2().board());
        assertThat(bob.board().islands().get(IslandType.ATOLL).hitCoordinates()).containsExactly(new Coordinate(1, 1));
        assertThat(bob.guesses().misses()).containsExactly(new Coordinate(10, 10));
        assertThat(bob.opponentGuesses().hits()).containsExactly(new Coordinate(1, 1));
        assertThat(bob.turn()).contains(PLAYER1);
        assertThat(bob.myTurn()).isFalse();
        assertThat(bob.player1Name()).isEqualTo("alice");
        assertThat(bob.player2Name()).contains("bob");
        assertThat(bob.player1IslandsSet()).isTrue();
        assertThat(bob.player2IslandsSet()).isTrue();
        assertThat(bob.winner()).isEmpty();

        PlayerView alice = Moves.view(game, PLAYER1);
        assertThat(alice.myTurn()).isTrue();
        assertThat(alice.board()).isEqualTo(game.player1().board());
        assertThat(alice.guesses()).isEqualTo(bob.opponentGuesses());
    }

    @Test
    void aViewByNameFindsThePlayerOfThatName_andAnyOtherNameSeesNoBoard() {
        GameState game = state(Moves.guessCoordinate(TestGames.playing(), PLAYER1, 1, 1));
        assertThat(Moves.viewByName(game, Optional.of("alice"))).isEqualTo(Moves.view(game, PLAYER1));
        assertThat(Moves.viewByName(game, Optional.of("bob"))).isEqualTo(Moves.view(game, PLAYER2));

        PlayerView spectator = Moves.viewByName(game, Optional.of("carol"));
        assertThat(spectator.role()).isEmpty();
        assertThat(spectator.board()).isEqualTo(Board.empty());
        assertThat(spectator.guesses()).isEqualTo(Guesses.empty());
        assertThat(spectator.forested()).isEmpty();
        assertThat(spectator.state()).isEqualTo(game.rules().state());
        assertThat(spectator.player2Name()).contains("bob");
        assertThat(spectator.myTurn()).isFalse();
        assertThat(Moves.viewByName(game, Optional.empty())).isEqualTo(spectator);
    }

    @Test
    void anUnstartedGameIsSeenByItsOwnNameAsPlayerOne() {
        assertThat(PlayerView.unstarted("alice", Optional.of("alice")).role()).contains(PLAYER1);
        PlayerView other = PlayerView.unstarted("alice", Optional.of("bob"));
        assertThat(other.role()).isEmpty();
        assertThat(other.started()).isFalse();
        assertThat(other.state()).isEqualTo(RulesState.INITIALIZED);
        assertThat(other.player1Name()).isEqualTo("alice");
    }
}
