package io.islands.engine.game;

import java.util.Set;

/**
 * The guesses one player has made against the opponent's board (book §2.4).
 *
 * @param hits the guessed cells that were land
 * @param misses the guessed cells that were water
 */
public record Guesses(Set<Coordinate> hits, Set<Coordinate> misses) {
    private static final Guesses EMPTY = new Guesses(CellSet.EMPTY, CellSet.EMPTY);

    /**
     * Copies the sets.
     *
     * @throws NullPointerException if anything is null
     */
    public Guesses {
        hits = CellSet.copyOf(hits);
        misses = CellSet.copyOf(misses);
    }

    /** Returns no guesses (the book's {@code Guesses.new()}). */
    public static Guesses empty() {
        return EMPTY;
    }

    /**
     * The book's {@code Guesses.add(guesses, :hit | :miss, coordinate)}; set semantics, so a
     * repeated guess changes nothing.
     *
     * @return the guesses with {@code coordinate} added to {@code hits} if {@code hit}, else to {@code misses}
     */
    public Guesses add(boolean hit, Coordinate coordinate) {
        return hit ? with(((CellSet) hits).with(coordinate), misses) : with(hits, ((CellSet) misses).with(coordinate));
    }

    private Guesses with(Set<Coordinate> nextHits, Set<Coordinate> nextMisses) {
        return nextHits == hits && nextMisses == misses ? this : new Guesses(nextHits, nextMisses);
    }
}
