package io.islands.engine.game;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The observer's name of a game's last move, from two states the engine's moves made. */
class LastMoveTest {
    private static GameState ok(Outcome<?> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Ok.class);
        return ((Outcome.Ok<?>) outcome).state();
    }

    @Test
    void eachMoveIsNamed_aHitOfPlayer2IsAGuessNotAMovedIsland() {
        GameState g = ok(Moves.addPlayer(GameState.fresh("moon"), "diva"));
        assertThat(LastMove.between(GameState.fresh("moon"), g)).contains("add_player diva");
        GameState placed = ok(Moves.positionIsland(g, Player.PLAYER1, "square", 1, 1));
        assertThat(LastMove.between(g, placed)).contains("position_island player1 square (1,1)");
        g = placed;
        for (Player p : Player.values()) {
            int[] cols = {1, 3, 4, 6, 9}; // atoll, dot, l_shape, s_shape, square side by side
            for (IslandType t : IslandType.values()) {
                g = ok(Moves.positionIsland(g, p, t.wire(), 4, cols[t.ordinal()]));
            }
        }
        GameState set = ok(Moves.setIslands(g, Player.PLAYER1));
        assertThat(LastMove.between(g, set)).contains("set_islands player1");
        g = ok(Moves.setIslands(set, Player.PLAYER2));
        GameState miss = ok(Moves.guessCoordinate(g, Player.PLAYER1, 10, 10));
        assertThat(LastMove.between(g, miss)).contains("guess_coordinate player1 (10,10) miss");
        // regression: player 2's hit also changes player 1's island (its hit cells); it was named
        // "position_island player1 ..." before
        GameState hit = ok(Moves.guessCoordinate(miss, Player.PLAYER2, 4, 1));
        assertThat(LastMove.between(miss, hit)).contains("guess_coordinate player2 (4,1) hit");
        assertThat(LastMove.between(hit, hit)).isEqualTo(Optional.empty());
    }
}
