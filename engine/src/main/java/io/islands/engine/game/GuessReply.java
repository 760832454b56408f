package io.islands.engine.game;

import java.util.Objects;
import java.util.Optional;

/**
 * The reply to a successful guess: the book's {@code {hit_or_miss, forested, win}}.
 *
 * @param hit whether the guess hit land
 * @param forested the type of the island hit if it is now fully forested, else empty ({@code :none})
 * @param win whether the guess won the game
 */
public record GuessReply(boolean hit, Optional<IslandType> forested, boolean win) implements MoveReply {
    /**
     * Checks the components.
     *
     * @throws NullPointerException if {@code forested} is null
     */
    public GuessReply {
        Objects.requireNonNull(forested, "forested");
    }
}
