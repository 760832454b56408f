package io.islands.engine.game;

import java.util.HashSet;
import java.util.Set;

/**
 * The guesses one player has made against the opponent's board (book §2.4).
 *
 * @param hits the guessed cells that were land
 * @param misses the guessed cells that were water
 */
public record Guesses(Set<Coordinate> hits, Set<Coordinate> misses) {

    /**
     * Copies the sets.
     *
     * @throws NullPointerException if anything is null
     */
    public Guesses {
        hits = Set.copyOf(hits);
        misses = Set.copyOf(misses);
    }

    /** Returns no guesses (the book's {@code Guesses.new()}). */
    public static Guesses empty() {
        return new Guesses(Set.of(), Set.of());
    }

    /**
     * The book's {@code Guesses.add(guesses, :hit | :miss, coordinate)}; set semantics, so a
     * repeated guess changes nothing.
     *
     * @return the guesses with {@code coordinate} added to {@code hits} if {@code hit}, else to {@code misses}
     */
    public Guesses add(boolean hit, Coordinate coordinate) {
        return hit ? new Guesses(plus(hits, coordinate), misses) : new Guesses(hits, plus(misses, coordinate));
    }

    private static Set<Coordinate> plus(Set<Coordinate> set, Coordinate coordinate) {
        Set<Coordinate> next = new HashSet<>(set);
        next.add(coordinate);
        return next;
    }
}
