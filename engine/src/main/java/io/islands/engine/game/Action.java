package io.islands.engine.game;

import java.util.Objects;

/** What a game asks the {@link Rules} to allow (book §3). */
public sealed interface Action {

    /** {@code :add_player}: the second player joins. */
    record AddPlayer() implements Action {}

    /**
     * {@code {:position_islands, player}}: the player moves an island.
     *
     * @param player who
     */
    record PositionIslands(Player player) implements Action {
        /**
         * Checks the components.
         *
         * @throws NullPointerException if {@code player} is null
         */
        public PositionIslands {
            Objects.requireNonNull(player, "player");
        }
    }

    /**
     * {@code {:set_islands, player}}: the player commits their islands.
     *
     * @param player who
     */
    record SetIslands(Player player) implements Action {
        /**
         * Checks the components.
         *
         * @throws NullPointerException if {@code player} is null
         */
        public SetIslands {
            Objects.requireNonNull(player, "player");
        }
    }

    /**
     * {@code {:guess_coordinate, player}}: the player guesses a cell of the opponent's board.
     *
     * @param player who
     */
    record GuessCoordinate(Player player) implements Action {
        /**
         * Checks the components.
         *
         * @throws NullPointerException if {@code player} is null
         */
        public GuessCoordinate {
            Objects.requireNonNull(player, "player");
        }
    }

    /**
     * {@code {:win_check, :win | :no_win}}: the outcome of the guess just made.
     *
     * @param win whether the guess won the game
     */
    record WinCheck(boolean win) implements Action {}
}
