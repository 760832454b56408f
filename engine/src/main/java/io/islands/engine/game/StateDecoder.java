package io.islands.engine.game;

import java.util.EnumMap;
import java.util.HashSet;
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

    /**
     * {@code "A1 B3 J10"} (schema version 3; older versions' pairs and objects are turned into this
     * by the upgrades): cell names separated by single spaces, {@code ""} for none.
     */
    private static Set<Coordinate> coordinates(JsonCursor node) {
        String text = node.text();
        Set<Coordinate> coordinates = new HashSet<>();
        if (text.isEmpty()) {
            return coordinates;
        }
        for (String name : text.split(" ", -1)) {
            Coordinate c = cell(node, name);
            if (!coordinates.add(c)) {
                throw node.fail("duplicate cell " + name);
            }
        }
        return coordinates;
    }

    private static Coordinate cell(JsonCursor node, String name) {
        int row = name.isEmpty() ? 0 : name.charAt(0) - 'A' + 1;
        String col = name.length() < 2 ? "" : name.substring(1);
        if (row < 1 || row > 10 || !col.matches("[1-9]|10")) {
            throw node.fail("expected cell names such as \"A1 J10\" (row A-J, column 1-10) separated by single spaces, got \""
                    + name + "\"");
        }
        return Coordinate.of(row, Integer.parseInt(col)).toOptional().orElseThrow();
    }

    private static Rules rules(JsonCursor node) {
        node.only("state", "player1", "player2");
        return new Rules(
                node.field("state").constant(RulesState.class),
                node.field("player1").constant(IslandsStatus.class),
                node.field("player2").constant(IslandsStatus.class));
    }
}
