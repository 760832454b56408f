package io.islands.engine.game;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Shared steps for the game tests: unwrapping outcomes and the book's demo placement. */
final class TestGames {

    private TestGames() {}

    /** An island placement as the book's console client sends it. */
    record Placement(String type, int row, int col) {}

    /** The book's demo placement, valid for either player. */
    static final List<Placement> DEMO = List.of(
            new Placement("atoll", 1, 1),
            new Placement("dot", 1, 5),
            new Placement("l_shape", 1, 7),
            new Placement("s_shape", 5, 1),
            new Placement("square", 5, 5));

    /** The 18 land cells of {@link #DEMO}, grouped by island in the order of {@link #DEMO}. */
    static final List<List<Coordinate>> DEMO_CELLS = List.of(
            cells(1, 1, 1, 2, 2, 2, 3, 1, 3, 2),
            cells(1, 5),
            cells(1, 7, 2, 7, 3, 7, 3, 8),
            cells(5, 2, 5, 3, 6, 1, 6, 2),
            cells(5, 5, 5, 6, 6, 5, 6, 6));

    static List<Coordinate> cells(int... rowColPairs) {
        Coordinate[] cells = new Coordinate[rowColPairs.length / 2];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = new Coordinate(rowColPairs[2 * i], rowColPairs[2 * i + 1]);
        }
        return List.of(cells);
    }

    static <R> Outcome.Ok<R> ok(Outcome<R> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Ok.class);
        return (Outcome.Ok<R>) outcome;
    }

    static GameState state(Outcome<?> outcome) {
        return ok(outcome).state();
    }

    static GameError error(Outcome<?> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        return ((Outcome.Failed<?>) outcome).error();
    }

    /** A game "alice" that "bob" has joined. */
    static GameState withPlayers() {
        return state(Moves.addPlayer(GameState.fresh("alice"), "bob"));
    }

    /** {@code game} with {@link #DEMO} positioned for {@code player}. */
    static GameState placedDemo(GameState game, Player player) {
        for (Placement p : DEMO) {
            game = state(Moves.positionIsland(game, player, p.type(), p.row(), p.col()));
        }
        return game;
    }

    /** A game where both players positioned {@link #DEMO} and set their islands: player 1's turn. */
    static GameState playing() {
        GameState game = placedDemo(placedDemo(withPlayers(), Player.PLAYER1), Player.PLAYER2);
        game = state(Moves.setIslands(game, Player.PLAYER1));
        return state(Moves.setIslands(game, Player.PLAYER2));
    }
}
