package io.islands.engine.game;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes a game state as the current schema version of {@link GameStateJson}. Output is
 * deterministic: islands in the book's type order, coordinates sorted by row then column. A
 * saved state writes each set of coordinates as one string of cell names, {@code "A1 B3 J10"}
 * (row as a letter A–J, then the column 1–10; schema version 3); the book's board JSON
 * ({@link #board}) each coordinate as an object {@code {"row": r, "col": c}}.
 */
final class StateEncoder {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StateEncoder() {}

    static ObjectNode game(GameState game) {
        ObjectNode node = JSON.objectNode();
        node.put("schema_version", SchemaUpgrades.CURRENT);
        node.set("player1", player(game.player1()));
        node.set("player2", player(game.player2()));
        node.set("rules", rules(game.rules()));
        return node;
    }

    private static ObjectNode player(PlayerState player) {
        ObjectNode node = JSON.objectNode();
        node.put("name", player.name());
        node.set("board", board(player.board(), StateEncoder::cells));
        node.set("guesses", guesses(player.guesses()));
        node.set("last_move", player.lastMove().<JsonNode>map(StateEncoder::lastMove).orElse(JSON.nullNode()));
        return node;
    }

    /**
     * {@code {"id": "m7", "ack": "ok"}}, {@code {"id": ..., "board": <board>}} or
     * {@code {"id": ..., "guess": {"hit": true, "forested": "atoll"|null, "win": false}}} (schema version 4).
     */
    private static ObjectNode lastMove(AppliedMove move) {
        ObjectNode node = JSON.objectNode();
        node.put("id", move.id());
        switch (move.reply()) {
            case Ack ack -> node.put("ack", "ok");
            case Board board -> node.set("board", board(board, StateEncoder::cells));
            case GuessReply guess -> node.putObject("guess").put("hit", guess.hit())
                    .put("forested", guess.forested().map(IslandType::wire).orElse(null))
                    .put("win", guess.win());
        }
        return node;
    }

    /** The board as the book's Poison encoder wrote it: islands by wire name, coordinates as objects. */
    static ObjectNode board(Board board) {
        return board(board, StateEncoder::objects);
    }

    private static ObjectNode board(Board board, Function<Set<Coordinate>, JsonNode> coordinates) {
        ObjectNode node = JSON.objectNode();
        for (IslandType type : IslandType.values()) {
            Island island = board.islands().get(type);
            if (island != null) {
                ObjectNode islandNode = node.putObject(type.wire());
                islandNode.set("coordinates", coordinates.apply(island.coordinates()));
                islandNode.set("hit_coordinates", coordinates.apply(island.hitCoordinates()));
            }
        }
        return node;
    }

    private static ObjectNode guesses(Guesses guesses) {
        ObjectNode node = JSON.objectNode();
        node.set("hits", cells(guesses.hits()));
        node.set("misses", cells(guesses.misses()));
        return node;
    }

    /** {@code "A1 B3 J10"}: what a saved state holds (schema version 3), half the bytes of version 2's pairs. */
    private static TextNode cells(Set<Coordinate> coordinates) {
        StringBuilder sb = new StringBuilder(coordinates.size() * 4);
        coordinates.stream().sorted().forEach(c -> {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(cellName(c.row(), c.col()));
        });
        return JSON.textNode(sb.toString());
    }

    /** @return the name of a cell: its row as a letter A–J, then its column 1–10 ({@code "J10"}) */
    static String cellName(int row, int col) {
        return (char) ('A' + row - 1) + Integer.toString(col);
    }

    /** {@code [{"row": r, "col": c}, ...]}: the book's wire shape, and schema version 1. */
    static ArrayNode objects(Set<Coordinate> coordinates) {
        ArrayNode array = JSON.arrayNode(coordinates.size());
        coordinates.stream().sorted().forEach(c -> array.addObject().put("row", c.row()).put("col", c.col()));
        return array;
    }

    private static ObjectNode rules(Rules rules) {
        ObjectNode node = JSON.objectNode();
        node.put("state", rules.state().name());
        node.put("player1", rules.player1().name());
        node.put("player2", rules.player2().name());
        return node;
    }
}
