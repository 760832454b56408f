package io.islands.engine.game;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One player's board (book §2.3): the islands positioned so far, by type. No two islands share
 * a cell.
 *
 * @param islands the islands by type; each is stored under its own type
 */
public record Board(Map<IslandType, Island> islands) implements MoveReply {

    /**
     * Copies the map and checks the invariants.
     *
     * @throws NullPointerException if anything is null
     * @throws IllegalArgumentException if an island is stored under another type's key, or two
     *     islands overlap
     */
    public Board {
        islands = Map.copyOf(islands);
        islands.forEach((type, island) -> {
            if (island.type() != type) {
                throw new IllegalArgumentException("a " + island.type().wire() + " stored as " + type.wire());
            }
        });
        List<Island> all = Arrays.stream(IslandType.values()).map(islands::get).filter(Objects::nonNull).toList();
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                if (all.get(i).overlaps(all.get(j))) {
                    throw new IllegalArgumentException(
                            all.get(i).type().wire() + " overlaps " + all.get(j).type().wire());
                }
            }
        }
    }

    /** Returns a board with no islands (the book's {@code Board.new()}). */
    public static Board empty() {
        return EMPTY;
    }

    private static final Board EMPTY = new Board(Map.of());

    /**
     * The book's {@code Board.position_island(board, type, island)}: puts the island under its
     * type, replacing an island of the same type (whose old cells do not count for overlap).
     *
     * @return the new board, or {@link GameError#OVERLAPPING_ISLAND} if the island shares a cell
     *     with an island of another type
     */
    public Checked<Board> positionIsland(Island island) {
        boolean overlaps = islands.values().stream()
                .anyMatch(other -> other.type() != island.type() && other.overlaps(island));
        return overlaps ? Checked.err(GameError.OVERLAPPING_ISLAND) : Checked.ok(with(island));
    }

    /** Returns whether all five island types are on the board (the book's {@code all_islands_positioned?}). */
    public boolean allIslandsPositioned() {
        return islands.keySet().containsAll(List.of(IslandType.values()));
    }

    /**
     * The book's {@code Board.guess(board, coordinate)}.
     *
     * @return a miss with this board unchanged, or a hit with the hit recorded on the island
     *     there, that island's type if it is now forested (again on every later hit), and a win if
     *     every island on the board is forested
     */
    public GuessResult guess(Coordinate coordinate) {
        Objects.requireNonNull(coordinate, "coordinate");
        for (Island island : islands.values()) {
            Optional<Island> hit = island.guess(coordinate);
            if (hit.isPresent()) {
                Board board = hit.get() == island ? this : with(hit.get()); // a repeated hit changes nothing
                Optional<IslandType> forested = hit.get().forested() ? Optional.of(island.type()) : Optional.empty();
                return new GuessResult(true, forested, board.allForested(), board);
            }
        }
        return new GuessResult(false, Optional.empty(), false, this);
    }

    /** Returns whether every island on the board is forested; true for an empty board. */
    boolean allForested() {
        return islands.values().stream().allMatch(Island::forested);
    }

    private Board with(Island island) {
        Map<IslandType, Island> next = new EnumMap<>(IslandType.class);
        next.putAll(islands);
        next.put(island.type(), island);
        return new Board(next);
    }
}
