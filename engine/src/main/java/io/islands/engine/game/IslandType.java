package io.islands.engine.game;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The five island shapes (book §2.2), in the order of the book's {@code Island.types()}. Each
 * shape is a list of (row, col) offsets from the upper-left corner of its bounding box; for
 * {@link #S_SHAPE} that corner is not land.
 */
public enum IslandType {
    /** {@code XX / .X / XX}: 5 cells. */
    ATOLL(0, 0, 0, 1, 1, 1, 2, 0, 2, 1),
    /** {@code X}: 1 cell. */
    DOT(0, 0),
    /** {@code X. / X. / XX}: 4 cells. */
    L_SHAPE(0, 0, 1, 0, 2, 0, 2, 1),
    /** {@code .XX / XX.}: 4 cells. */
    S_SHAPE(0, 1, 0, 2, 1, 0, 1, 1),
    /** {@code XX / XX}: 4 cells. */
    SQUARE(0, 0, 0, 1, 1, 0, 1, 1);

    /**
     * One cell of a shape: its offset from the shape's upper-left corner.
     *
     * @param row rows down from the corner, from 0
     * @param col columns right of the corner, from 0
     */
    public record Offset(int row, int col) {}

    private final List<Offset> offsets;

    IslandType(int... rowColPairs) {
        var pairs = new Offset[rowColPairs.length / 2];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = new Offset(rowColPairs[2 * i], rowColPairs[2 * i + 1]);
        }
        this.offsets = List.of(pairs);
    }

    /**
     * Returns the shape: the offsets of its cells from its upper-left corner, in the book's order
     * (an island placed at (row, col) covers (row + offset.row, col + offset.col) for each).
     * The list is immutable; it is what the page draws islands and previews with.
     */
    public List<Offset> shape() {
        return offsets;
    }

    /** Returns the wire name, the book's atom: {@code "atoll"}, {@code "dot"}, {@code "l_shape"}, {@code "s_shape"}, {@code "square"}. */
    public String wire() {
        return Wire.of(this);
    }

    /** Returns the type with this wire name, or empty if there is none (also for null). */
    public static Optional<IslandType> fromWire(String wire) {
        return Wire.lookup(IslandType.class, wire);
    }

    /** Returns how many cells an island of this type covers. */
    public int size() {
        return offsets.size();
    }

    /**
     * The cells of this shape placed at {@code upperLeft}, offset by offset in the book's order.
     *
     * @return the cells, or {@link GameError#INVALID_COORDINATE} at the first cell off the board
     */
    Checked<Set<Coordinate>> cellsAt(Coordinate upperLeft) {
        CellSet cells = CellSet.EMPTY;
        for (Offset offset : offsets) {
            var cell = Coordinate.of(upperLeft.row() + offset.row(), upperLeft.col() + offset.col()).toOptional();
            if (cell.isEmpty()) {
                return Checked.err(GameError.INVALID_COORDINATE);
            }
            cells = cells.with(cell.get());
        }
        return Checked.ok(cells);
    }
}
