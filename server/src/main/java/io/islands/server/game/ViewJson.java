package io.islands.server.game;

import io.islands.engine.game.Coordinate;
import io.islands.engine.game.GameStateJson;
import io.islands.engine.game.Guesses;
import io.islands.engine.game.IslandType;
import io.islands.engine.game.Player;
import io.islands.engine.game.PlayerView;
import io.islands.engine.game.RulesState;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The View of docs/protocol.md §3, written out from the engine's {@link PlayerView}: only
 * serialization (names, order, wire spellings), no game rule.
 */
final class ViewJson {
    private ViewJson() {}

    static Map<String, Object> of(PlayerView view) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("game", view.player1Name());
        out.put("role", view.role().map(Player::wire).orElse(null));
        out.put("started", view.started());
        out.put("state", wire(view.state()));
        Map<String, Object> players = new LinkedHashMap<>();
        players.put("player1", view.player1Name());
        players.put("player2", view.player2Name().orElse(null));
        out.put("players", players);
        out.put("islands_set", Map.of("player1", view.player1IslandsSet(), "player2", view.player2IslandsSet()));
        out.put("board", GameStateJson.boardJson(view.board()));
        out.put("guesses", guesses(view.guesses()));
        out.put("opponent_guesses", guesses(view.opponentGuesses()));
        out.put("forested", view.forested().stream().map(IslandType::wire).sorted().toList());
        out.put("winner", view.winner().map(Player::wire).orElse(null));
        return out;
    }

    static List<Map<String, Integer>> coordinates(Collection<Coordinate> cells) {
        return cells.stream().sorted().map(c -> Map.of("row", c.row(), "col", c.col())).toList();
    }

    private static Map<String, Object> guesses(Guesses g) {
        return Map.of("hits", coordinates(g.hits()), "misses", coordinates(g.misses()));
    }

    private static String wire(RulesState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
