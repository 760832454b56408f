package io.islands.engine.game;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes a game state as the current schema version of {@link GameStateJson}. Output is
 * deterministic: islands in the book's type order, coordinates sorted by row then column. A
 * saved state writes each coordinate as a pair {@code [row, col]}; the book's board JSON
 * ({@link #board}) as an object {@code {"row": r, "col": c}}.
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
        node.set("board", board(player.board(), StateEncoder::pairs));
        node.set("guesses", guesses(player.guesses()));
        return node;
    }

    /** The board as the book's Poison encoder wrote it: islands by wire name, coordinates as objects. */
    static ObjectNode board(Board board) {
        return board(board, StateEncoder::objects);
    }

    private static ObjectNode board(Board board, Function<Set<Coordinate>, ArrayNode> coordinates) {
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
        node.set("hits", pairs(guesses.hits()));
        node.set("misses", pairs(guesses.misses()));
        return node;
    }

    /** {@code [[row, col], ...]}: what a saved state holds (schema version 2), a third of the objects' bytes. */
    private static ArrayNode pairs(Set<Coordinate> coordinates) {
        ArrayNode array = JSON.arrayNode(coordinates.size());
        coordinates.stream().sorted().forEach(c -> array.addArray().add(c.row()).add(c.col()));
        return array;
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
