package io.islands.engine.game;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The whole state of one game (book §2.5), what the book's Game process holds and saves.
 *
 * @param player1 the player who started the game; their name is the game's name
 * @param player2 the player who joined; their name is null until add_player
 * @param rules the rules state machine
 */
public record GameState(PlayerState player1, PlayerState player2, Rules rules) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException if anything, or player 1's name, is null
     */
    public GameState {
        Objects.requireNonNull(player1, "player1");
        Objects.requireNonNull(player1.name(), "player 1 has no name (it is the game's name)");
        Objects.requireNonNull(player2, "player2");
        Objects.requireNonNull(rules, "rules");
    }

    /**
     * The book's fresh state for a game named {@code name}: player 1 called {@code name}, player 2
     * unnamed, both with empty boards and no guesses, initial rules.
     *
     * @throws NullPointerException if {@code name} is null
     */
    public static GameState fresh(String name) {
        Objects.requireNonNull(name, "name");
        return new GameState(PlayerState.fresh(name), PlayerState.fresh(null), Rules.initial());
    }

    /** Returns the state of {@code player}. */
    public PlayerState player(Player player) {
        return player == Player.PLAYER1 ? player1 : player2;
    }

    GameState update(Player player, UnaryOperator<PlayerState> change) {
        return player == Player.PLAYER1
                ? new GameState(change.apply(player1), player2, rules)
                : new GameState(player1, change.apply(player2), rules);
    }

    GameState withRules(Rules next) {
        return new GameState(player1, player2, next);
    }
}
