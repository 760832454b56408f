package io.islands.engine.game;

import java.util.Objects;

/**
 * One player's part of a game (book §2.5).
 *
 * @param name the player's name; for player 1 the game's name, for player 2 null until added
 * @param board the player's own board
 * @param guesses the guesses this player made against the opponent
 */
public record PlayerState(String name, Board board, Guesses guesses) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException if {@code board} or {@code guesses} is null
     */
    public PlayerState {
        Objects.requireNonNull(board, "board");
        Objects.requireNonNull(guesses, "guesses");
    }

    /** Returns a player called {@code name} (may be null) with an empty board and no guesses. */
    public static PlayerState fresh(String name) {
        return name == null ? UNNAMED : new PlayerState(name, Board.empty(), Guesses.empty());
    }

    /** Player 2 of every new game: immutable, so one instance serves them all. */
    private static final PlayerState UNNAMED = new PlayerState(null, Board.empty(), Guesses.empty());

    PlayerState withName(String next) {
        return new PlayerState(next, board, guesses);
    }

    PlayerState withBoard(Board next) {
        return new PlayerState(name, next, guesses);
    }

    PlayerState withGuesses(Guesses next) {
        return new PlayerState(name, board, next);
    }
}
