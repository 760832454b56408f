package io.islands.engine.game;

import static io.islands.engine.game.Player.PLAYER1;
import static io.islands.engine.game.Player.PLAYER2;
import static io.islands.engine.game.TestGames.DEMO_CELLS;
import static io.islands.engine.game.TestGames.error;
import static io.islands.engine.game.TestGames.ok;
import static io.islands.engine.game.TestGames.state;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A whole game through {@link Moves}, as the book's console client plays it, to player 1's win. */
class FullGameTest {

    private static final List<IslandType> DEMO_TYPES = List.of(
            IslandType.ATOLL, IslandType.DOT, IslandType.L_SHAPE, IslandType.S_SHAPE, IslandType.SQUARE);

    @Test
    void playerOneForestsEveryIslandAndWins() {
        GameState game = GameState.fresh("alice");
        Outcome.Ok<Ack> added = ok(Moves.addPlayer(game, "bob"));
        assertThat(added.reply()).isEqualTo(Ack.OK);
        game = added.state();
        game = TestGames.placedDemo(TestGames.placedDemo(game, PLAYER1), PLAYER2);

        Outcome.Ok<Board> set1 = ok(Moves.setIslands(game, PLAYER1));
        assertThat(set1.reply().allIslandsPositioned()).isTrue();
        game = state(Moves.setIslands(set1.state(), PLAYER2));
        assertThat(game.rules().state()).isEqualTo(RulesState.PLAYER1_TURN);

        List<Coordinate> water = new ArrayList<>();
        for (int col = 1; col <= 10; col++) {
            water.add(new Coordinate(10, col));
            water.add(new Coordinate(9, col));
        }
        int misses = 0;
        for (int island = 0; island < DEMO_CELLS.size(); island++) {
            List<Coordinate> cells = DEMO_CELLS.get(island);
            for (int i = 0; i < cells.size(); i++) {
                boolean lastCellOfIsland = i == cells.size() - 1;
                boolean lastCellOfGame = lastCellOfIsland && island == DEMO_CELLS.size() - 1;
                Coordinate target = cells.get(i);

                Outcome.Ok<GuessReply> guess = ok(Moves.guessCoordinate(game, PLAYER1, target.row(), target.col()));
                Optional<IslandType> forested = lastCellOfIsland ? Optional.of(DEMO_TYPES.get(island)) : Optional.empty();
                assertThat(guess.reply()).as("player 1 guesses %s", target)
                        .isEqualTo(new GuessReply(true, forested, lastCellOfGame));
                game = guess.state();
                if (lastCellOfGame) {
                    break;
                }
                assertThat(game.rules().state()).isEqualTo(RulesState.PLAYER2_TURN);
                Coordinate miss = water.get(misses++);
                Outcome.Ok<GuessReply> reply = ok(Moves.guessCoordinate(game, PLAYER2, miss.row(), miss.col()));
                assertThat(reply.reply()).isEqualTo(new GuessReply(false, Optional.empty(), false));
                game = reply.state();
            }
        }

        assertThat(game.rules().state()).isEqualTo(RulesState.GAME_OVER);
        assertThat(game.player1().guesses().hits()).hasSize(18);
        assertThat(game.player1().guesses().misses()).isEmpty();
        assertThat(game.player2().guesses().misses()).hasSize(17);
        assertThat(game.player2().board().islands().values()).allMatch(Island::forested);
        assertThat(game.player1().board().islands().values()).noneMatch(Island::forested);
        assertThat(Moves.view(game, PLAYER2).winner()).contains(PLAYER1);
        assertThat(Moves.view(game, PLAYER1).forested()).isEqualTo(game.player2().board().islands().keySet());
        assertThat(Moves.view(game, PLAYER2).forested()).isEmpty();
        assertThat(Moves.viewByName(game, java.util.Optional.of("nobody")).winner()).contains(PLAYER1);

        for (Player p : Player.values()) {
            assertThat(error(Moves.guessCoordinate(game, p, 10, 10))).isEqualTo(GameError.RULES);
            assertThat(error(Moves.positionIsland(game, p, "dot", 10, 10))).isEqualTo(GameError.RULES);
            assertThat(error(Moves.setIslands(game, p))).isEqualTo(GameError.RULES);
        }
        assertThat(error(Moves.addPlayer(game, "carol"))).isEqualTo(GameError.RULES);
    }
}
