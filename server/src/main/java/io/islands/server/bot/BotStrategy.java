package io.islands.server.bot;

import io.islands.engine.game.Board;
import io.islands.engine.game.Checked;
import io.islands.engine.game.Coordinate;
import io.islands.engine.game.Island;
import io.islands.engine.game.IslandType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The computer player's choices: pure functions of what a player may know (its own board, its
 * own hits and misses) and a random source, so a bot restarted from its player view chooses as
 * it would have. Legality is the engine's: a position is offered only if {@link Board} accepts it.
 */
final class BotStrategy {
    private BotStrategy() {}

    /** One island to position: its type and upper-left cell. */
    record Placement(IslandType type, int row, int col) {}

    private static final int[][] STEPS = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};

    /**
     * Positions for the island types not on {@code board} yet, each drawn at random among the
     * positions the engine accepts next to the islands already there (and those placed before it
     * in the list), in the book's type order.
     *
     * @return one placement per missing type; a type with no legal position left is skipped
     *     (never happens on the book's board: five small islands on 100 cells)
     */
    static List<Placement> placements(Board board, RandomGenerator random) {
        List<Placement> out = new ArrayList<>();
        Board current = board;
        for (IslandType type : IslandType.values()) {
            if (current.islands().containsKey(type)) {
                continue;
            }
            List<Board> boards = new ArrayList<>();
            List<Placement> legal = new ArrayList<>();
            for (int row = Coordinate.MIN; row <= Coordinate.MAX; row++) {
                for (int col = Coordinate.MIN; col <= Coordinate.MAX; col++) {
                    if (Island.create(type, new Coordinate(row, col)) instanceof Checked.Ok<Island>(Island island)
                            && current.positionIsland(island) instanceof Checked.Ok<Board>(Board next)) {
                        boards.add(next);
                        legal.add(new Placement(type, row, col));
                    }
                }
            }
            if (!legal.isEmpty()) {
                int pick = random.nextInt(legal.size());
                out.add(legal.get(pick));
                current = boards.get(pick);
            }
        }
        return out;
    }

    /**
     * Hunt and target. Target: the cells not guessed yet next to a hit, best first by how many
     * hits touch them, then by whether they extend a line of two hits; ties at random. Hunt, when
     * no hit has an open neighbour: a random cell not guessed yet of one colour of the
     * checkerboard (every island but the one-cell dot covers both colours), then any cell left.
     *
     * @return a cell not in {@code hits} or {@code misses}; empty once every cell is guessed
     */
    static Optional<Coordinate> guess(Set<Coordinate> hits, Set<Coordinate> misses, RandomGenerator random) {
        List<Coordinate> best = new ArrayList<>();
        int bestScore = 0;
        for (int row = Coordinate.MIN; row <= Coordinate.MAX; row++) {
            for (int col = Coordinate.MIN; col <= Coordinate.MAX; col++) {
                Coordinate c = new Coordinate(row, col);
                if (hits.contains(c) || misses.contains(c)) {
                    continue;
                }
                int score = 0;
                for (int[] d : STEPS) {
                    if (isHit(hits, row + d[0], col + d[1])) {
                        score += 2;
                        if (isHit(hits, row + 2 * d[0], col + 2 * d[1])) {
                            score += 1;
                        }
                    }
                }
                if (score > bestScore) {
                    best.clear();
                    bestScore = score;
                }
                if (score == bestScore && score > 0) {
                    best.add(c);
                }
            }
        }
        if (best.isEmpty()) {
            best = open(hits, misses, true);
        }
        if (best.isEmpty()) {
            best = open(hits, misses, false);
        }
        return best.isEmpty() ? Optional.empty() : Optional.of(best.get(random.nextInt(best.size())));
    }

    private static List<Coordinate> open(Set<Coordinate> hits, Set<Coordinate> misses, boolean parity) {
        List<Coordinate> out = new ArrayList<>();
        for (int row = Coordinate.MIN; row <= Coordinate.MAX; row++) {
            for (int col = Coordinate.MIN; col <= Coordinate.MAX; col++) {
                Coordinate c = new Coordinate(row, col);
                if ((!parity || (row + col) % 2 == 0) && !hits.contains(c) && !misses.contains(c)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private static boolean isHit(Set<Coordinate> hits, int row, int col) {
        return Coordinate.isValid(row, col) && hits.contains(new Coordinate(row, col));
    }
}
