package io.islands.engine.game;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Board#guess(Coordinate)} found: the book's 4-tuple
 * {@code {hit_or_miss, forested, win, board}}.
 *
 * @param hit whether the coordinate was land ({@code :hit}) or not ({@code :miss})
 * @param forested the type of the island hit if it is now fully forested, else empty ({@code :none})
 * @param win whether every island on the board is now forested ({@code :win})
 * @param board the board after the guess
 */
public record GuessResult(boolean hit, Optional<IslandType> forested, boolean win, Board board) {
    /**
     * Checks the components.
     *
     * @throws NullPointerException if {@code forested} or {@code board} is null
     */
    public GuessResult {
        Objects.requireNonNull(forested, "forested");
        Objects.requireNonNull(board, "board");
    }
}
