package io.islands.engine.game;

import java.util.Comparator;

/**
 * A cell of the 10×10 board (book §2.1). Both {@code row} and {@code col} are in 1..10; an
 * instance is always valid. Ordered by row, then column.
 *
 * @param row the row, 1..10
 * @param col the column, 1..10
 */
public record Coordinate(int row, int col) implements Comparable<Coordinate> {

    /** The smallest row or column: 1. */
    public static final int MIN = 1;
    /** The largest row or column: 10. */
    public static final int MAX = 10;

    private static final Comparator<Coordinate> ORDER =
            Comparator.comparingInt(Coordinate::row).thenComparingInt(Coordinate::col);

    /** Every cell once, so that moves share their coordinates instead of allocating them. */
    private static final int SIDE = MAX - MIN + 1;
    private static final Coordinate[] CELLS = new Coordinate[SIDE * SIDE];

    static {
        for (int row = MIN; row <= MAX; row++) {
            for (int col = MIN; col <= MAX; col++) {
                CELLS[index(row, col)] = new Coordinate(row, col);
            }
        }
    }

    /**
     * Checks the range; use {@link #of(int, int)} where bad input is expected.
     *
     * @throws IllegalArgumentException if {@code row} or {@code col} is outside 1..10
     */
    public Coordinate {
        if (!isValid(row, col)) {
            throw new IllegalArgumentException(
                    "invalid coordinate (" + row + ", " + col + "): row and col must be in 1..10");
        }
    }

    /**
     * The book's {@code Coordinate.new(row, col)}.
     *
     * @return the coordinate, or {@link GameError#INVALID_COORDINATE} if either value is outside
     *     1..10; never throws
     */
    public static Checked<Coordinate> of(int row, int col) {
        return isValid(row, col)
                ? Checked.ok(CELLS[index(row, col)])
                : Checked.err(GameError.INVALID_COORDINATE);
    }

    /** @return the shared instance of cell {@code index} (see {@link #index()}) */
    static Coordinate at(int index) {
        return CELLS[index];
    }

    /** @return this cell's number on the board, 0..99: (row - 1) * 10 + (col - 1) */
    int index() {
        return index(row, col);
    }

    private static int index(int row, int col) {
        return (row - MIN) * SIDE + col - MIN;
    }

    /** Equal when row and col are (as the record's own), written out: sets of cells probe it on every move. */
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Coordinate c && c.row == row && c.col == col;
    }

    @Override
    public int hashCode() {
        return row * 31 + col;
    }

    /** Returns whether both values are in 1..10. */
    public static boolean isValid(int row, int col) {
        return inRange(row) && inRange(col);
    }

    private static boolean inRange(int value) {
        return value >= MIN && value <= MAX;
    }

    /** Compares by row, then by column. */
    @Override
    public int compareTo(Coordinate other) {
        return ORDER.compare(this, other);
    }
}
