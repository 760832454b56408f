package io.islands.server.replay;

import io.islands.engine.game.Coordinate;
import io.islands.engine.game.GameState;
import io.islands.engine.game.Guesses;
import io.islands.engine.game.Island;
import io.islands.engine.game.IslandType;
import io.islands.engine.game.Player;
import io.islands.engine.game.PlayerState;
import io.islands.engine.game.RulesState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The move that led from one saved state of a game to the next, as a replay step (docs/protocol.md
 * §12). Every successful move changes exactly one thing, which this finds, as
 * {@link io.islands.engine.game.LastMove} does for the observer's text; here the step is data for
 * the page, packed in an int while its game is in play ({@link #json} unpacks it).
 */
final class MoveDiff {
    private MoveDiff() {}

    // a step packed in an int (a game in play holds hundreds): kind, player, row, col, island, hit, win
    private static final int ADD_PLAYER = 1;
    private static final int POSITION_ISLAND = 2;
    private static final int SET_ISLANDS = 3;
    private static final int GUESS = 4;
    private static final int GUESS_AGAIN = 5;
    private static final String[] KINDS = {null, "add_player", "position_island", "set_islands", "guess", "guess"};

    /** @return the step packed, or empty when the states are equal or differ as no single move makes them */
    static OptionalInt between(GameState before, GameState after) {
        if (before.player2().name() == null && after.player2().name() != null) {
            return OptionalInt.of(pack(ADD_PLAYER, Player.PLAYER2, 0, 0, null, false, false));
        }
        for (Player p : Player.values()) { // guesses first: a hit also changes the opponent's island
            Player opponent = p == Player.PLAYER1 ? Player.PLAYER2 : Player.PLAYER1;
            Guesses g0 = before.player(p).guesses();
            Guesses g1 = after.player(p).guesses();
            Optional<Coordinate> hit = added(g0.hits(), g1.hits());
            Optional<Coordinate> cell = hit.or(() -> added(g0.misses(), g1.misses()));
            if (cell.isPresent()) {
                return OptionalInt.of(pack(GUESS, p, cell.get().row(), cell.get().col(),
                        forested(before.player(opponent), after.player(opponent)), hit.isPresent(),
                        after.rules().state() == RulesState.GAME_OVER));
            }
        }
        for (Player p : Player.values()) {
            if (before.rules().islands(p) != after.rules().islands(p)) {
                return OptionalInt.of(pack(SET_ISLANDS, p, 0, 0, null, false, false));
            }
            for (Island island : after.player(p).board().islands().values()) {
                Island was = before.player(p).board().islands().get(island.type());
                if (was == null || !island.coordinates().equals(was.coordinates())) {
                    return OptionalInt.of(pack(POSITION_ISLAND, p, island.upperLeft().row(), island.upperLeft().col(),
                            island.type(), false, false));
                }
            }
        }
        // a guess at a cell guessed before: legal, changes only whose turn it is
        Optional<Player> turn = before.rules().state().turn();
        if (before.rules().state() != after.rules().state() && turn.isPresent()) {
            return OptionalInt.of(pack(GUESS_AGAIN, turn.get(), 0, 0, null, false, false));
        }
        return OptionalInt.empty();
    }

    /**
     * @return the step as the replay's JSON object: {@code move} and {@code player}; for
     *     {@code position_island} also {@code island, row, col}; for {@code guess} also
     *     {@code row, col, hit, forested} (the island type it forested, or null) and {@code win},
     *     or {@code again: true} for a cell guessed before
     */
    static Map<String, Object> json(int step) {
        int kind = step & 7;
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("move", KINDS[kind]);
        s.put("player", ((step >> 3) & 1) == 0 ? Player.PLAYER1.wire() : Player.PLAYER2.wire());
        int row = (step >> 4) & 15;
        int col = (step >> 8) & 15;
        int island = (step >> 12) & 7;
        String type = island == 0 ? null : IslandType.values()[island - 1].wire();
        if (kind == POSITION_ISLAND) {
            s.put("island", type);
            s.put("row", row);
            s.put("col", col);
        } else if (kind == GUESS) {
            s.put("row", row);
            s.put("col", col);
            s.put("hit", ((step >> 15) & 1) == 1);
            s.put("forested", type);
            s.put("win", ((step >> 16) & 1) == 1);
        } else if (kind == GUESS_AGAIN) {
            s.put("again", true);
        }
        return s;
    }

    private static int pack(int kind, Player player, int row, int col, IslandType island, boolean hit, boolean win) {
        return kind | (player == Player.PLAYER1 ? 0 : 1) << 3 | row << 4 | col << 8
                | (island == null ? 0 : island.ordinal() + 1) << 12 | (hit ? 1 : 0) << 15 | (win ? 1 : 0) << 16;
    }

    private static Optional<Coordinate> added(Set<Coordinate> before, Set<Coordinate> after) {
        if (after.size() != before.size() + 1) {
            return Optional.empty();
        }
        for (Coordinate c : after) {
            if (!before.contains(c)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** @return the opponent island type that this guess forested, or null */
    private static IslandType forested(PlayerState before, PlayerState after) {
        for (Island island : after.board().islands().values()) {
            Island was = before.board().islands().get(island.type());
            if (island.forested() && (was == null || !was.forested())) {
                return island.type();
            }
        }
        return null;
    }
}
