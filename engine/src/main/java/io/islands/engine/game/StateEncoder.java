package io.islands.engine.game;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Writes a game state as the current schema version of {@link GameStateJson}. Output is
 * deterministic: islands in the book's type order, coordinates sorted by row then column.
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
        node.set("board", board(player.board()));
        node.set("guesses", guesses(player.guesses()));
        return node;
    }

    /** The board as the book's Poison encoder wrote it: islands by wire name. */
    static ObjectNode board(Board board) {
        ObjectNode node = JSON.objectNode();
        for (IslandType type : IslandType.values()) {
            Island island = board.islands().get(type);
            if (island != null) {
                ObjectNode islandNode = node.putObject(type.wire());
                islandNode.set("coordinates", coordinates(island.coordinates()));
                islandNode.set("hit_coordinates", coordinates(island.hitCoordinates()));
            }
        }
        return node;
    }

    private static ObjectNode guesses(Guesses guesses) {
        ObjectNode node = JSON.objectNode();
        node.set("hits", coordinates(guesses.hits()));
        node.set("misses", coordinates(guesses.misses()));
        return node;
    }

    private static ArrayNode coordinates(Set<Coordinate> coordinates) {
        ArrayNode array = JSON.arrayNode();
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
