package io.islands.engine.game;

import java.util.Objects;
import java.util.Optional;

/**
 * One player's part of a game (book §2.5).
 *
 * @param name the player's name; for player 1 the game's name, for player 2 null until added
 * @param board the player's own board
 * @param guesses the guesses this player made against the opponent
 * @param lastMove the player's last applied move if it carried a move id (a move without one
 *     clears it), with its reply
 */
public record PlayerState(String name, Board board, Guesses guesses, Optional<AppliedMove> lastMove) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException if {@code board}, {@code guesses} or {@code lastMove} is null
     */
    public PlayerState {
        Objects.requireNonNull(board, "board");
        Objects.requireNonNull(guesses, "guesses");
        Objects.requireNonNull(lastMove, "lastMove");
    }

    /** A player with no move applied under a move id. */
    public PlayerState(String name, Board board, Guesses guesses) {
        this(name, board, guesses, Optional.empty());
    }

    /** Returns a player called {@code name} (may be null) with an empty board and no guesses. */
    public static PlayerState fresh(String name) {
        return name == null ? UNNAMED : new PlayerState(name, Board.empty(), Guesses.empty());
    }

    /** Player 2 of every new game: immutable, so one instance serves them all. */
    private static final PlayerState UNNAMED = new PlayerState(null, Board.empty(), Guesses.empty());

    PlayerState withName(String next) {
        return new PlayerState(next, board, guesses, lastMove);
    }

    PlayerState withBoard(Board next) {
        return new PlayerState(name, next, guesses, lastMove);
    }

    PlayerState withGuesses(Guesses next) {
        return new PlayerState(name, board, next, lastMove);
    }

    PlayerState withLastMove(Optional<AppliedMove> next) {
        return next.equals(lastMove) ? this : new PlayerState(name, board, guesses, next);
    }
}
