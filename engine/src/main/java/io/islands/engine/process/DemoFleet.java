package io.islands.engine.process;

import io.islands.engine.game.Player;
import java.util.List;

/**
 * The book's demo placement: one island of each of the five types, all in the board's top left
 * quarter, legal for either player. What the bench's tables and load client place, and what the
 * server's warm-up game places (docs/operations.md). Stateless.
 */
public final class DemoFleet {
    /**
     * One island of the fleet.
     *
     * @param island its type's name, as {@link Games#positionIsland} takes it
     * @param row    the row of its top left cell's bounding box (1..10)
     * @param col    the column of it (1..10)
     */
    public record Placed(String island, int row, int col) {}

    /** The five islands, in the order they are placed. */
    public static final List<Placed> ISLANDS = List.of(new Placed("atoll", 1, 1), new Placed("dot", 1, 5),
            new Placed("l_shape", 1, 7), new Placed("s_shape", 5, 1), new Placed("square", 5, 5));

    private DemoFleet() {}

    /**
     * Starts {@code game} (player 1 named as the game), names {@code player2}, and places and sets
     * both fleets: the game is at player 1's first guess. Each step's outcome is not checked (a
     * game already started refuses the steps it has had).
     *
     * @throws io.islands.runtime.ExitException as {@link Games#startGame}
     */
    public static void setUp(Games games, String game, String player2) {
        games.startGame(game);
        games.addPlayer(game, player2);
        for (Player p : Player.values()) {
            for (Placed island : ISLANDS) {
                games.positionIsland(game, p, island.island(), island.row(), island.col());
            }
            games.setIslands(game, p);
        }
    }
}
