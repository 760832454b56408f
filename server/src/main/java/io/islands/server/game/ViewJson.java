package io.islands.server.game;

import io.islands.engine.game.Board;
import io.islands.engine.game.Coordinate;
import io.islands.engine.game.GameState;
import io.islands.engine.game.GameStateJson;
import io.islands.engine.game.Guesses;
import io.islands.engine.game.Island;
import io.islands.engine.game.IslandsStatus;
import io.islands.engine.game.Player;
import io.islands.engine.game.RulesState;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The View of docs/protocol.md §3: what one screen name may see of a game. */
final class ViewJson {
    private ViewJson() {}

    /**
     * @param state the game, or null before {@code new_game}
     * @param role the viewer's role, or null
     */
    static Map<String, Object> of(String game, GameState state, Player role) {
        boolean mine = state != null && role != null;
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("game", game);
        view.put("role", role == null ? null : role.wire());
        view.put("started", state != null);
        view.put("state", state == null ? "initialized" : wire(state.rules().state()));
        Map<String, Object> players = new LinkedHashMap<>();
        players.put("player1", game);
        players.put("player2", state == null ? null : state.player2().name());
        view.put("players", players);
        view.put("islands_set", Map.of(
                "player1", state != null && state.rules().player1() == IslandsStatus.ISLANDS_SET,
                "player2", state != null && state.rules().player2() == IslandsStatus.ISLANDS_SET));
        view.put("board", mine ? GameStateJson.boardJson(state.player(role).board()) : Map.of());
        view.put("guesses", guesses(mine ? state.player(role).guesses() : Guesses.empty()));
        view.put("opponent_guesses", guesses(mine ? state.player(role.opponent()).guesses() : Guesses.empty()));
        view.put("forested", mine ? forested(state.player(role.opponent()).board()) : List.of());
        Player winner = state == null ? null : winner(state);
        view.put("winner", winner == null ? null : winner.wire());
        return view;
    }

    static List<Map<String, Integer>> coordinates(Collection<Coordinate> cells) {
        return cells.stream().sorted().map(c -> Map.of("row", c.row(), "col", c.col())).toList();
    }

    private static Map<String, Object> guesses(Guesses g) {
        return Map.of("hits", coordinates(g.hits()), "misses", coordinates(g.misses()));
    }

    private static List<String> forested(Board opponent) {
        return opponent.islands().values().stream().filter(Island::forested).map(i -> i.type().wire()).sorted().toList();
    }

    /** The player who forested all the opponent's islands, once the game is over; else null. */
    private static Player winner(GameState state) {
        if (state.rules().state() != RulesState.GAME_OVER) {
            return null;
        }
        for (Player p : Player.values()) {
            Board target = state.player(p.opponent()).board();
            if (!target.islands().isEmpty() && target.islands().values().stream().allMatch(Island::forested)) {
                return p;
            }
        }
        return null;
    }

    private static String wire(RulesState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
