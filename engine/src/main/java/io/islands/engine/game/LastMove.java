package io.islands.engine.game;

import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Names the move that led from one state of a game to the next, for tools (the observer shows a
 * game's last move from its two newest saved versions). A game's state keeps no move log; every
 * successful move changes exactly one thing, which this finds.
 */
public final class LastMove {
    private LastMove() {}

    /**
     * @return the move in the book's words, e.g. {@code add_player diva},
     *     {@code position_island player1 atoll (1,1)}, {@code set_islands player2},
     *     {@code guess_coordinate player1 (3,4) hit} (with {@code , won} when it won the game);
     *     empty if the states are equal or differ in a way no single move makes
     * @throws NullPointerException if a state is null
     */
    public static Optional<String> between(GameState before, GameState after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (before.player2().name() == null && after.player2().name() != null) {
            return Optional.of("add_player " + after.player2().name());
        }
        // guesses first: a hit also changes the island it hit, on the other player's board
        for (Player p : Player.values()) {
            Optional<Coordinate> guess = added(before.player(p).guesses(), after.player(p).guesses(), true);
            boolean hit = guess.isPresent();
            if (guess.isEmpty()) {
                guess = added(before.player(p).guesses(), after.player(p).guesses(), false);
            }
            if (guess.isPresent()) {
                boolean won = after.rules().state() == RulesState.GAME_OVER && before.rules().state() != RulesState.GAME_OVER;
                return Optional.of("guess_coordinate " + p.wire() + " " + text(guess.get()) + (hit ? " hit" : " miss")
                        + (won ? ", won" : ""));
            }
        }
        for (Player p : Player.values()) {
            if (before.rules().islands(p) != after.rules().islands(p)) {
                return Optional.of("set_islands " + p.wire());
            }
            for (Island island : after.player(p).board().islands().values()) {
                Island was = before.player(p).board().islands().get(island.type());
                if (was == null || !island.coordinates().equals(was.coordinates())) {
                    return Optional.of("position_island " + p.wire() + " " + island.type().wire() + " "
                            + text(upperLeft(island.coordinates())));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Coordinate> added(Guesses before, Guesses after, boolean hits) {
        Set<Coordinate> now = new HashSet<>(hits ? after.hits() : after.misses());
        now.removeAll(hits ? before.hits() : before.misses());
        return now.size() == 1 ? Optional.of(now.iterator().next()) : Optional.empty();
    }

    private static Coordinate upperLeft(Set<Coordinate> cells) {
        int row = cells.stream().mapToInt(Coordinate::row).min().orElseThrow();
        int col = cells.stream().mapToInt(Coordinate::col).min().orElseThrow();
        return new Coordinate(row, col);
    }

    private static String text(Coordinate c) {
        return "(" + c.row() + "," + c.col() + ")";
    }
}
