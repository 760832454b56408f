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

    private final List<int[]> offsets;

    IslandType(int... rowColPairs) {
        var pairs = new int[rowColPairs.length / 2][];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = new int[] {rowColPairs[2 * i], rowColPairs[2 * i + 1]};
        }
        this.offsets = List.of(pairs);
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
        for (int[] offset : offsets) {
            var cell = Coordinate.of(upperLeft.row() + offset[0], upperLeft.col() + offset[1]).toOptional();
            if (cell.isEmpty()) {
                return Checked.err(GameError.INVALID_COORDINATE);
            }
            cells = cells.with(cell.get());
        }
        return Checked.ok(cells);
    }
}
