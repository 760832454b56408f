package io.islands.server.replay;

import io.islands.engine.game.Coordinate;
import io.islands.engine.game.GameState;
import io.islands.engine.game.Guesses;
import io.islands.engine.game.Island;
import io.islands.engine.game.Player;
import io.islands.engine.game.PlayerState;
import io.islands.engine.game.RulesState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The move that led from one saved state of a game to the next, as a replay step (docs/protocol.md
 * §11). Every successful move changes exactly one thing, which this finds, as
 * {@link io.islands.engine.game.LastMove} does for the observer's text; here the step is data for
 * the page: {@code {"move": "add_player"|"position_island"|"set_islands"|"guess", "player": ...}}.
 */
final class MoveDiff {
    private MoveDiff() {}

    /** @return the step, or empty when the states are equal or differ as no single move makes them */
    static Optional<Map<String, Object>> between(GameState before, GameState after) {
        if (before.player2().name() == null && after.player2().name() != null) {
            return Optional.of(step("add_player", Player.PLAYER2));
        }
        for (Player p : Player.values()) { // guesses first: a hit also changes the opponent's island
            Player opponent = p == Player.PLAYER1 ? Player.PLAYER2 : Player.PLAYER1;
            Guesses g0 = before.player(p).guesses();
            Guesses g1 = after.player(p).guesses();
            Optional<Coordinate> hit = added(g0.hits(), g1.hits());
            Optional<Coordinate> cell = hit.or(() -> added(g0.misses(), g1.misses()));
            if (cell.isPresent()) {
                Map<String, Object> s = step("guess", p);
                s.put("row", cell.get().row());
                s.put("col", cell.get().col());
                s.put("hit", hit.isPresent());
                s.put("forested", forested(before.player(opponent), after.player(opponent)));
                s.put("win", after.rules().state() == RulesState.GAME_OVER);
                return Optional.of(s);
            }
        }
        for (Player p : Player.values()) {
            if (before.rules().islands(p) != after.rules().islands(p)) {
                return Optional.of(step("set_islands", p));
            }
            for (Island island : after.player(p).board().islands().values()) {
                Island was = before.player(p).board().islands().get(island.type());
                if (was == null || !island.coordinates().equals(was.coordinates())) {
                    Map<String, Object> s = step("position_island", p);
                    s.put("island", island.type().wire());
                    s.put("row", island.upperLeft().row());
                    s.put("col", island.upperLeft().col());
                    return Optional.of(s);
                }
            }
        }
        // a guess at a cell guessed before: legal, changes only whose turn it is
        if (before.rules().state() != after.rules().state() && before.rules().state().turn().isPresent()) {
            Map<String, Object> s = step("guess", before.rules().state().turn().get());
            s.put("again", true);
            return Optional.of(s);
        }
        return Optional.empty();
    }

    private static Map<String, Object> step(String move, Player player) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("move", move);
        s.put("player", player.wire());
        return s;
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
    private static String forested(PlayerState before, PlayerState after) {
        for (Island island : after.board().islands().values()) {
            Island was = before.board().islands().get(island.type());
            if (island.forested() && (was == null || !was.forested())) {
                return island.type().wire();
            }
        }
        return null;
    }
}
