package io.islands.engine.game;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a document of the current schema version of {@link GameStateJson}, strictly: every field
 * present, no other fields, every value checked by the domain's own constructors.
 */
final class StateDecoder {

    private StateDecoder() {}

    static GameState game(JsonCursor doc) {
        doc.only("schema_version", "player1", "player2", "rules");
        PlayerState player1 = player(doc.field("player1"));
        PlayerState player2 = player(doc.field("player2"));
        Rules rules = rules(doc.field("rules"));
        return doc.build(() -> new GameState(player1, player2, rules));
    }

    private static PlayerState player(JsonCursor node) {
        node.only("name", "board", "guesses");
        String name = node.field("name").textOrNull();
        Board board = board(node.field("board"));
        Guesses guesses = guesses(node.field("guesses"));
        return new PlayerState(name, board, guesses);
    }

    private static Board board(JsonCursor node) {
        Map<IslandType, Island> islands = new EnumMap<>(IslandType.class);
        node.entries().forEach((wire, island) -> {
            IslandType type = IslandType.fromWire(wire)
                    .orElseThrow(() -> island.fail("unknown island type \"" + wire + "\""));
            islands.put(type, island(type, island));
        });
        return node.build(() -> new Board(islands));
    }

    private static Island island(IslandType type, JsonCursor node) {
        node.only("coordinates", "hit_coordinates");
        Set<Coordinate> coordinates = coordinates(node.field("coordinates"));
        Set<Coordinate> hits = coordinates(node.field("hit_coordinates"));
        return node.build(() -> new Island(type, coordinates, hits));
    }

    private static Guesses guesses(JsonCursor node) {
        node.only("hits", "misses");
        return new Guesses(coordinates(node.field("hits")), coordinates(node.field("misses")));
    }

    /** {@code [[row, col], ...]} (schema version 2; version 1's objects are turned into pairs by the upgrade). */
    private static Set<Coordinate> coordinates(JsonCursor node) {
        Set<Coordinate> coordinates = new HashSet<>();
        for (JsonCursor element : node.elements()) {
            List<JsonCursor> pair = element.elements();
            if (pair.size() != 2) {
                throw element.fail("expected a pair [row, col], got " + pair.size() + " element(s)");
            }
            int row = pair.get(0).intValue();
            int col = pair.get(1).intValue();
            if (!coordinates.add(element.build(() -> new Coordinate(row, col)))) {
                throw element.fail("duplicate coordinate (" + row + ", " + col + ")");
            }
        }
        return coordinates;
    }

    private static Rules rules(JsonCursor node) {
        node.only("state", "player1", "player2");
        return new Rules(
                node.field("state").constant(RulesState.class),
                node.field("player1").constant(IslandsStatus.class),
                node.field("player2").constant(IslandsStatus.class));
    }
}
