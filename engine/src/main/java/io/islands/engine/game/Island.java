package io.islands.engine.game;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An island placed on a board (book §2.2): its type, the cells it covers and the cells of it that
 * have been hit. An instance always has the exact shape of its type and hits only on its own cells.
 *
 * @param type the shape
 * @param coordinates the cells covered, exactly the shape of {@code type}
 * @param hitCoordinates the cells hit so far, a subset of {@code coordinates}
 */
public record Island(IslandType type, Set<Coordinate> coordinates, Set<Coordinate> hitCoordinates) {

    /**
     * Copies the sets and checks the invariants.
     *
     * @throws NullPointerException if anything is null
     * @throws IllegalArgumentException if the cells do not form the shape of {@code type}, or a hit
     *     cell is not a cell of the island
     */
    public Island {
        Objects.requireNonNull(type, "type");
        coordinates = CellSet.copyOf(coordinates);
        hitCoordinates = CellSet.copyOf(hitCoordinates);
        if (!coordinates.equals(type.cellsAt(boundingCorner(coordinates)).toOptional().orElse(Set.of()))) {
            throw new IllegalArgumentException("cells " + coordinates + " do not form the shape " + type.wire());
        }
        if (!((CellSet) coordinates).containsAll((CellSet) hitCoordinates)) {
            throw new IllegalArgumentException("hit cells " + hitCoordinates + " are not all cells of the " + type.wire());
        }
    }

    private static Coordinate boundingCorner(Set<Coordinate> cells) {
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("an island has at least one cell");
        }
        int row = cells.stream().mapToInt(Coordinate::row).min().orElseThrow();
        int col = cells.stream().mapToInt(Coordinate::col).min().orElseThrow();
        return new Coordinate(row, col);
    }

    /**
     * The book's {@code Island.new(type, upper_left)} for a type given by its wire name. Checks, in
     * order: the type, then every cell against the board.
     *
     * @param typeWire the type's wire name, e.g. {@code "l_shape"}; null counts as unknown
     * @param upperLeft the upper-left corner of the shape's bounding box
     * @return the unhit island, or {@link GameError#INVALID_ISLAND_TYPE} for an unknown type, or
     *     {@link GameError#INVALID_COORDINATE} if a cell falls off the board
     */
    public static Checked<Island> create(String typeWire, Coordinate upperLeft) {
        return IslandType.fromWire(typeWire)
                .map(type -> create(type, upperLeft))
                .orElseGet(() -> Checked.err(GameError.INVALID_ISLAND_TYPE));
    }

    /**
     * The book's {@code Island.new(type, upper_left)} for a known type.
     *
     * @return the unhit island, or {@link GameError#INVALID_COORDINATE} if a cell falls off the board
     */
    public static Checked<Island> create(IslandType type, Coordinate upperLeft) {
        Objects.requireNonNull(upperLeft, "upperLeft");
        return type.cellsAt(upperLeft).flatMap(cells -> Checked.ok(new Island(type, cells, Set.of())));
    }

    /**
     * The book's {@code Island.guess}.
     *
     * @return the island with {@code coordinate} recorded as hit if it is one of its cells (also
     *     when it was hit before), or empty for a miss
     */
    public Optional<Island> guess(Coordinate coordinate) {
        if (!coordinates.contains(coordinate)) {
            return Optional.empty();
        }
        CellSet hits = ((CellSet) hitCoordinates).with(coordinate);
        return Optional.of(hits == hitCoordinates ? this : new Island(type, coordinates, hits));
    }

    /** Returns whether every cell has been hit (the book's {@code forested?}). */
    public boolean forested() {
        return hitCoordinates.equals(coordinates);
    }

    /** Returns whether the two islands share at least one cell; touching does not count. */
    public boolean overlaps(Island other) {
        return ((CellSet) coordinates).intersects((CellSet) other.coordinates);
    }

    /** Returns the upper-left corner of the island's bounding box, where it was placed. */
    public Coordinate upperLeft() {
        return boundingCorner(coordinates);
    }
}
