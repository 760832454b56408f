package io.islands.server.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.islands.engine.game.Ack;
import io.islands.engine.game.Board;
import io.islands.engine.game.Coordinate;
import io.islands.engine.game.GameError;
import io.islands.engine.game.GameState;
import io.islands.engine.game.GameStateJson;
import io.islands.engine.game.GuessReply;
import io.islands.engine.game.Guesses;
import io.islands.engine.game.Island;
import io.islands.engine.game.IslandType;
import io.islands.engine.game.Outcome;
import io.islands.engine.game.Player;
import io.islands.engine.game.PlayerView;
import io.islands.engine.game.RulesState;
import io.islands.engine.process.GameRequest;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The wire form of game calls between nodes: JSON trees of an explicit, closed set of shapes, one
 * per {@link GameRequest} and per reply type, read field by field into the engine's own records
 * (whose constructors check them). No class name is ever read from the wire; an unknown shape is a
 * {@link IllegalArgumentException}. Stateless; any thread.
 *
 * <pre>{@code
 * request:  {"type": "add_player", "name": "bob"}            {"type": "guess_coordinate", "player": "PLAYER1", "row": 1, "col": 2, "move_id": null}
 *           {"type": "position_island", "player", "island", "row", "col"}    {"type": "set_islands", "player"}
 *           {"type": "view", "player"}   {"type": "view_by_name", "screen_name": "bob" | null}   {"type": "state"}
 * outcome:  {"ok": REPLY, "state": GAME_STATE_DOCUMENT, "replayed": false} | {"failed": "RULES"}
 *           (the three moves carry their client's "move_id" or null; "replayed" is Outcome.Ok#replayed)
 *           REPLY: "OK" (Ack) | BOARD | {"hit": true, "forested": "ATOLL" | null, "win": false}
 * BOARD:    {"ATOLL": {"cells": [[1, 1], ...], "hits": [[1, 1]]}, ...}
 * view:     {"role", "started", "board", "guesses": {"hits": CELLS, "misses": CELLS}, "opponent_guesses",
 *            "forested": ["ATOLL"], "state", "turn", "player1", "player2", "player1_set", "player2_set", "winner"}
 * }</pre>
 * Enums are written by their Java names; a game state by {@link GameStateJson} (the saved form).
 */
final class GameWire {
    /** Limits of a parsed document: nesting and string length well above any game's. */
    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32)
                            .maxStringLength(ClusterNode.MAX_BODY).build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private GameWire() {}

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree failed to serialize", e);
        }
    }

    /** @throws IllegalArgumentException if {@code body} is not one JSON object */
    static ObjectNode parse(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node instanceof ObjectNode o) {
                return o;
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("not a JSON object");
    }

    // ---- requests ----------------------------------------------------------------------------

    static ObjectNode request(GameRequest<?> request) {
        ObjectNode o = NODES.objectNode();
        switch (request) {
            case GameRequest.AddPlayer r -> o.put("type", "add_player").put("name", r.name());
            case GameRequest.PositionIsland r -> o.put("type", "position_island").put("player", r.player().name())
                    .put("island", r.island()).put("row", r.row()).put("col", r.col()).put("move_id", r.moveId().orElse(null));
            case GameRequest.SetIslands r -> o.put("type", "set_islands").put("player", r.player().name())
                    .put("move_id", r.moveId().orElse(null));
            case GameRequest.GuessCoordinate r -> o.put("type", "guess_coordinate").put("player", r.player().name())
                    .put("row", r.row()).put("col", r.col()).put("move_id", r.moveId().orElse(null));
            case GameRequest.View r -> o.put("type", "view").put("player", r.player().name());
            case GameRequest.ViewByName r -> o.put("type", "view_by_name").put("screen_name", r.screenName().orElse(null));
            case GameRequest.State s -> o.put("type", "state");
        }
        return o;
    }

    static GameRequest<?> request(JsonNode o) {
        return switch (text(o, "type")) {
            case "add_player" -> new GameRequest.AddPlayer(text(o, "name"));
            case "position_island" -> new GameRequest.PositionIsland(player(o, "player"), text(o, "island"),
                    integer(o, "row"), integer(o, "col"), optionalText(o, "move_id"));
            case "set_islands" -> new GameRequest.SetIslands(player(o, "player"), optionalText(o, "move_id"));
            case "guess_coordinate" -> new GameRequest.GuessCoordinate(player(o, "player"), integer(o, "row"),
                    integer(o, "col"), optionalText(o, "move_id"));
            case "view" -> new GameRequest.View(player(o, "player"));
            case "view_by_name" -> new GameRequest.ViewByName(optionalText(o, "screen_name"));
            case "state" -> GameRequest.State.INSTANCE;
            default -> throw new IllegalArgumentException("unknown request type");
        };
    }

    // ---- replies -----------------------------------------------------------------------------

    /** @return the wire form of {@code reply}, the answer to {@code request} */
    static JsonNode reply(GameRequest<?> request, Object reply) {
        return switch (request) {
            case GameRequest.AddPlayer r -> writeOutcome(reply, ack -> NODES.textNode(Ack.OK.name()));
            case GameRequest.PositionIsland r -> writeOutcome(reply, ack -> NODES.textNode(Ack.OK.name()));
            case GameRequest.SetIslands r -> writeOutcome(reply, board -> board((Board) board));
            case GameRequest.GuessCoordinate r -> writeOutcome(reply, guess -> guessReply((GuessReply) guess));
            case GameRequest.View r -> view((PlayerView) reply);
            case GameRequest.ViewByName r -> view((PlayerView) reply);
            case GameRequest.State s -> GameStateJson.encode((GameState) reply);
        };
    }

    /** @return the reply to {@code request} that {@code node} describes, of the request's reply type */
    static <R> R reply(GameRequest<R> request, JsonNode node) {
        Object reply = switch (request) {
            case GameRequest.AddPlayer r -> readOutcome(node, n -> Ack.valueOf(n.asText()));
            case GameRequest.PositionIsland r -> readOutcome(node, n -> Ack.valueOf(n.asText()));
            case GameRequest.SetIslands r -> readOutcome(node, GameWire::board);
            case GameRequest.GuessCoordinate r -> readOutcome(node, GameWire::guessReply);
            case GameRequest.View r -> view(node);
            case GameRequest.ViewByName r -> view(node);
            case GameRequest.State s -> GameStateJson.decode(node);
        };
        return replyTo(request, reply);
    }

    /** The one unchecked step: the switch above decodes each request's own reply type. */
    @SuppressWarnings("unchecked")
    private static <R> R replyTo(GameRequest<R> request, Object reply) {
        return (R) reply;
    }

    private static JsonNode writeOutcome(Object reply, java.util.function.Function<Object, JsonNode> value) {
        ObjectNode o = NODES.objectNode();
        switch ((Outcome<?>) reply) {
            case Outcome.Ok<?> ok -> {
                o.set("ok", value.apply(ok.reply()));
                o.set("state", GameStateJson.encode(ok.state()));
                o.put("replayed", ok.replayed()); // a move id seen before: the caller must not broadcast it again
            }
            case Outcome.Failed<?> failed -> o.put("failed", failed.error().name());
        }
        return o;
    }

    private static <T> Outcome<T> readOutcome(JsonNode o, java.util.function.Function<JsonNode, T> value) {
        if (o.has("failed")) {
            return Outcome.failed(GameError.valueOf(text(o, "failed")));
        }
        return new Outcome.Ok<>(value.apply(field(o, "ok")), GameStateJson.decode(field(o, "state")),
                o.path("replayed").asBoolean(false));
    }

    private static JsonNode guessReply(GuessReply r) {
        return NODES.objectNode().put("hit", r.hit()).put("forested", r.forested().map(Enum::name).orElse(null))
                .put("win", r.win());
    }

    private static GuessReply guessReply(JsonNode o) {
        return new GuessReply(bool(o, "hit"), optionalText(o, "forested").map(IslandType::valueOf), bool(o, "win"));
    }

    static JsonNode board(Board board) {
        ObjectNode o = NODES.objectNode();
        board.islands().forEach((type, island) -> {
            ObjectNode i = o.putObject(type.name());
            i.set("cells", cells(island.coordinates()));
            i.set("hits", cells(island.hitCoordinates()));
        });
        return o;
    }

    static Board board(JsonNode o) {
        Map<IslandType, Island> islands = new EnumMap<>(IslandType.class);
        o.properties().forEach(e -> {
            IslandType type = IslandType.valueOf(e.getKey());
            islands.put(type, new Island(type, cells(field(e.getValue(), "cells")), cells(field(e.getValue(), "hits"))));
        });
        return new Board(islands);
    }

    private static JsonNode guesses(Guesses g) {
        ObjectNode o = NODES.objectNode();
        o.set("hits", cells(g.hits()));
        o.set("misses", cells(g.misses()));
        return o;
    }

    private static Guesses guesses(JsonNode o) {
        return new Guesses(cells(field(o, "hits")), cells(field(o, "misses")));
    }

    private static ArrayNode cells(Set<Coordinate> cells) {
        ArrayNode a = NODES.arrayNode();
        cells.forEach(c -> a.addArray().add(c.row()).add(c.col()));
        return a;
    }

    private static Set<Coordinate> cells(JsonNode a) {
        if (!a.isArray() || a.size() > 100) {
            throw new IllegalArgumentException("cells: an array of at most 100 [row, col]");
        }
        Set<Coordinate> out = new HashSet<>();
        for (JsonNode c : a) {
            if (!c.isArray() || c.size() != 2 || !c.get(0).isInt() || !c.get(1).isInt()) {
                throw new IllegalArgumentException("a cell is [row, col]");
            }
            out.add(new Coordinate(c.get(0).intValue(), c.get(1).intValue()));
        }
        return out;
    }

    static JsonNode view(PlayerView v) {
        ObjectNode o = NODES.objectNode();
        o.put("role", v.role().map(Enum::name).orElse(null));
        o.put("started", v.started());
        o.set("board", board(v.board()));
        o.set("guesses", guesses(v.guesses()));
        o.set("opponent_guesses", guesses(v.opponentGuesses()));
        ArrayNode forested = o.putArray("forested");
        v.forested().forEach(t -> forested.add(t.name()));
        o.put("state", v.state().name());
        o.put("turn", v.turn().map(Enum::name).orElse(null));
        o.put("player1", v.player1Name());
        o.put("player2", v.player2Name().orElse(null));
        o.put("player1_set", v.player1IslandsSet());
        o.put("player2_set", v.player2IslandsSet());
        o.put("winner", v.winner().map(Enum::name).orElse(null));
        return o;
    }

    static PlayerView view(JsonNode o) {
        Set<IslandType> forested = EnumSet.noneOf(IslandType.class);
        JsonNode f = field(o, "forested");
        if (!f.isArray() || f.size() > IslandType.values().length) {
            throw new IllegalArgumentException("forested: an array of island types");
        }
        f.forEach(t -> forested.add(IslandType.valueOf(t.asText())));
        return new PlayerView(optionalText(o, "role").map(Player::valueOf), bool(o, "started"), board(field(o, "board")),
                guesses(field(o, "guesses")), guesses(field(o, "opponent_guesses")), forested,
                RulesState.valueOf(text(o, "state")), optionalText(o, "turn").map(Player::valueOf), text(o, "player1"),
                optionalText(o, "player2"), bool(o, "player1_set"), bool(o, "player2_set"),
                optionalText(o, "winner").map(Player::valueOf));
    }

    // ---- fields ------------------------------------------------------------------------------

    static JsonNode field(JsonNode o, String name) {
        JsonNode n = o.get(name);
        if (n == null) {
            throw new IllegalArgumentException("missing field " + name);
        }
        return n;
    }

    static String text(JsonNode o, String name) {
        JsonNode n = field(o, name);
        if (!n.isTextual()) {
            throw new IllegalArgumentException(name + ": a string");
        }
        return n.textValue();
    }

    static Optional<String> optionalText(JsonNode o, String name) {
        JsonNode n = field(o, name);
        return n.isNull() ? Optional.empty() : Optional.of(text(o, name));
    }

    private static int integer(JsonNode o, String name) {
        JsonNode n = field(o, name);
        if (!n.isInt()) {
            throw new IllegalArgumentException(name + ": an integer");
        }
        return n.intValue();
    }

    private static boolean bool(JsonNode o, String name) {
        JsonNode n = field(o, name);
        if (!n.isBoolean()) {
            throw new IllegalArgumentException(name + ": true or false");
        }
        return n.booleanValue();
    }

    private static Player player(JsonNode o, String name) {
        return Player.valueOf(text(o, name));
    }
}
