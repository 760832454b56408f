package io.islands.engine.game;

import static io.islands.engine.game.Player.PLAYER1;
import static io.islands.engine.game.Player.PLAYER2;
import static io.islands.engine.game.TestGames.error;
import static io.islands.engine.game.TestGames.ok;
import static io.islands.engine.game.TestGames.placedDemo;
import static io.islands.engine.game.TestGames.playing;
import static io.islands.engine.game.TestGames.state;
import static io.islands.engine.game.TestGames.withPlayers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every error reply of the book's §4.3, and which one wins when several apply. */
class MovesErrorOrderTest {

    @Test
    void addPlayerTwiceIsRefusedByTheRules() {
        assertThat(error(Moves.addPlayer(withPlayers(), "carol"))).isEqualTo(GameError.RULES);
    }

    @Test
    void addPlayerNamesPlayerTwoEvenWithPlayerOnesName() {
        GameState game = state(Moves.addPlayer(GameState.fresh("alice"), "alice"));
        assertThat(game.player2().name()).isEqualTo("alice");
        assertThat(game.rules().state()).isEqualTo(RulesState.PLAYERS_SET);
    }

    @ParameterizedTest(name = "{0} at ({1},{2}) before player 2 joined")
    @CsvSource({"atoll, 1, 1", "boat, 0, 0", "atoll, 10, 10", "boat, 10, 10"})
    void positionIslandRefusedByTheRulesBeforeAnythingElse(String type, int row, int col) {
        assertThat(error(Moves.positionIsland(GameState.fresh("alice"), PLAYER1, type, row, col))).isEqualTo(GameError.RULES);
    }

    @Test
    void positionIslandRefusedOnceThePlayerSetIslandsButNotForTheOther() {
        GameState game = state(Moves.setIslands(placedDemo(withPlayers(), PLAYER1), PLAYER1));
        assertThat(error(Moves.positionIsland(game, PLAYER1, "boat", 0, 0))).isEqualTo(GameError.RULES);
        assertThat(ok(Moves.positionIsland(game, PLAYER2, "dot", 10, 10)).reply()).isEqualTo(Ack.OK);
    }

    @Test
    void positionIslandRefusedWhilePlaying() {
        assertThat(error(Moves.positionIsland(playing(), PLAYER1, "dot", 10, 10))).isEqualTo(GameError.RULES);
    }

    @ParameterizedTest(name = "{0} at ({1},{2}) -> {3}")
    @CsvSource({
        "boat,   0,  5, INVALID_COORDINATE",   // bad upper-left beats bad type
        "boat,  11, 11, INVALID_COORDINATE",
        "atoll, -1,  1, INVALID_COORDINATE",
        "boat,  10, 10, INVALID_ISLAND_TYPE",  // good upper-left: type before cells
        ",       1,  1, INVALID_ISLAND_TYPE",
        "ATOLL,  1,  1, INVALID_ISLAND_TYPE",
        "atoll,  9,  1, INVALID_COORDINATE",   // a cell off the board beats the overlap it would have
        "square, 10, 1, INVALID_COORDINATE",
        "s_shape, 1, 9, INVALID_COORDINATE",
        "dot,    1,  1, OVERLAPPING_ISLAND",   // on the demo atoll
        "square, 2,  6, OVERLAPPING_ISLAND"})  // on the demo l_shape
    void positionIslandErrorsInTheBookOrder(String type, int row, int col, GameError expected) {
        GameState game = placedDemo(withPlayers(), PLAYER1);
        assertThat(error(Moves.positionIsland(game, PLAYER1, type, row, col))).isEqualTo(expected);
    }

    @Test
    void overlapIsCheckedOnlyAgainstThePlayersOwnBoard() {
        GameState game = placedDemo(withPlayers(), PLAYER1);
        assertThat(ok(Moves.positionIsland(game, PLAYER2, "dot", 1, 1)).reply()).isEqualTo(Ack.OK);
    }

    @Test
    void positionIslandAgainMovesIt() {
        GameState game = placedDemo(withPlayers(), PLAYER1);
        game = state(Moves.positionIsland(game, PLAYER1, "dot", 10, 10));
        assertThat(game.player1().board().islands().get(IslandType.DOT).coordinates()).containsExactly(new Coordinate(10, 10));
        assertThat(game.rules()).isEqualTo(withPlayers().rules());
    }

    @Test
    void setIslandsRefusedByTheRulesBeforeTheBoardIsLookedAt() {
        assertThat(error(Moves.setIslands(GameState.fresh("alice"), PLAYER1))).isEqualTo(GameError.RULES);
        assertThat(error(Moves.setIslands(playing(), PLAYER2))).isEqualTo(GameError.RULES);
    }

    @Test
    void setIslandsWithAnIslandMissingKeepsThePlayerNotSet() {
        GameState game = state(Moves.positionIsland(withPlayers(), PLAYER1, "dot", 1, 1));
        assertThat(error(Moves.setIslands(game, PLAYER1))).isEqualTo(GameError.NOT_ALL_ISLANDS_POSITIONED);
        assertThat(game.rules().player1()).isEqualTo(IslandsStatus.ISLANDS_NOT_SET);
        assertThat(ok(Moves.positionIsland(game, PLAYER1, "dot", 2, 2)).reply()).isEqualTo(Ack.OK);
    }

    @Test
    void setIslandsRepliesTheBoardAndIsIdempotentUntilPlayStarts() {
        GameState game = placedDemo(placedDemo(withPlayers(), PLAYER1), PLAYER2);
        Outcome.Ok<Board> first = ok(Moves.setIslands(game, PLAYER1));
        assertThat(first.reply()).isEqualTo(game.player1().board());
        assertThat(first.state().rules()).isEqualTo(
                new Rules(RulesState.PLAYERS_SET, IslandsStatus.ISLANDS_SET, IslandsStatus.ISLANDS_NOT_SET));
        Outcome.Ok<Board> again = ok(Moves.setIslands(first.state(), PLAYER1));
        assertThat(again.state()).isEqualTo(first.state());
        GameState both = state(Moves.setIslands(again.state(), PLAYER2));
        assertThat(both.rules().state()).isEqualTo(RulesState.PLAYER1_TURN);
    }

    @Test
    void guessRefusedByTheRulesBeforeTheCoordinateIsLookedAt() {
        GameState beforePlay = placedDemo(placedDemo(withPlayers(), PLAYER1), PLAYER2);
        assertThat(error(Moves.guessCoordinate(beforePlay, PLAYER1, 1, 1))).isEqualTo(GameError.RULES);
        assertThat(error(Moves.guessCoordinate(playing(), PLAYER2, 1, 1))).isEqualTo(GameError.RULES);
        assertThat(error(Moves.guessCoordinate(playing(), PLAYER2, 0, 11))).isEqualTo(GameError.RULES);
    }

    @Test
    void invalidGuessDoesNotPassTheTurn() {
        GameState game = playing();
        assertThat(error(Moves.guessCoordinate(game, PLAYER1, 11, 1))).isEqualTo(GameError.INVALID_COORDINATE);
        GameState next = state(Moves.guessCoordinate(game, PLAYER1, 10, 10));
        assertThat(next.rules().state()).isEqualTo(RulesState.PLAYER2_TURN);
    }

    @Test
    void guessingTheSameCellAgainIsLegalAndUsesTheTurn() {
        GameState game = state(Moves.guessCoordinate(playing(), PLAYER1, 1, 1));
        game = state(Moves.guessCoordinate(game, PLAYER2, 10, 10));
        Outcome.Ok<GuessReply> again = ok(Moves.guessCoordinate(game, PLAYER1, 1, 1));
        assertThat(again.reply()).isEqualTo(new GuessReply(true, Optional.empty(), false));
        assertThat(again.state().rules().state()).isEqualTo(RulesState.PLAYER2_TURN);
        assertThat(again.state().player1().guesses().hits()).containsExactly(new Coordinate(1, 1));
    }

    @Test
    void guardsRefuseNullsInTheCaller() {
        GameState game = withPlayers();
        assertThatNullPointerException().isThrownBy(() -> Moves.addPlayer(GameState.fresh("a"), null));
        assertThatNullPointerException().isThrownBy(() -> Moves.positionIsland(game, null, "dot", 1, 1));
        assertThatNullPointerException().isThrownBy(() -> Moves.setIslands(game, null));
        assertThatNullPointerException().isThrownBy(() -> Moves.guessCoordinate(game, null, 1, 1));
        assertThatNullPointerException().isThrownBy(() -> GameState.fresh(null));
    }

    @Test
    void errorsHaveTheBookWireNames() {
        assertThat(Arrays.stream(GameError.values()).map(GameError::wire)).containsExactly(
                "error", "invalid_coordinate", "invalid_island_type", "overlapping_island", "not_all_islands_positioned");
    }
}
