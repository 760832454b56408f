package io.islands.server.game;

import io.islands.engine.game.Coordinate;
import io.islands.engine.game.IslandType;
import io.islands.engine.game.RulesState;
import io.javalin.config.JavalinConfig;
import io.islands.engine.game.Player;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /game.json}: what a client needs to draw the game, taken from the engine so that it
 * exists once (docs/protocol.md §8): the board's size, each island type's shape
 * ({@link IslandType#shape()}) and the rules states with whose turn each is
 * ({@link RulesState#turn()}). The page loads it before its lobby; it never changes while a
 * server runs. Immutable.
 */
public final class GameDefinition {
    /** The route's path. */
    public static final String PATH = "/game.json";

    private static final Map<String, Object> JSON = build();

    private GameDefinition() {}

    /**
     * @return {@code {"size": 10, "islands": {"atoll": [[0,0],[0,1],…], …}, "states": {"initialized":
     *     {"turn": null}, "player1_turn": {"turn": "player1"}, …}}}: island types and states in the
     *     engine's order, each cell a {@code [row, col]} offset from the island's upper-left corner
     */
    public static Map<String, Object> json() {
        return JSON;
    }

    /** Adds {@code GET /game.json} (200, the {@link #json()} document, cacheable for 5 minutes). */
    public static void install(JavalinConfig cfg) {
        cfg.routes.get(PATH, ctx -> ctx.header("Cache-Control", "public, max-age=300").json(JSON));
    }

    private static Map<String, Object> build() {
        Map<String, Object> islands = new LinkedHashMap<>();
        for (IslandType type : IslandType.values()) {
            islands.put(type.wire(), type.shape().stream().map(o -> List.of(o.row(), o.col())).toList());
        }
        Map<String, Object> states = new LinkedHashMap<>();
        for (RulesState state : RulesState.values()) {
            Map<String, Object> about = new LinkedHashMap<>();
            about.put("turn", state.turn().map(Player::wire).orElse(null));
            states.put(state.wire(), Collections.unmodifiableMap(about));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("size", Coordinate.MAX - Coordinate.MIN + 1);
        json.put("islands", Collections.unmodifiableMap(islands));
        json.put("states", Collections.unmodifiableMap(states));
        return Collections.unmodifiableMap(json);
    }
}
