package io.islands.engine.game;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        node.only("name", "board", "guesses", "last_move");
        String name = node.field("name").textOrNull();
        Board board = board(node.field("board"));
        Guesses guesses = guesses(node.field("guesses"));
        JsonCursor last = node.field("last_move");
        return new PlayerState(name, board, guesses, last.isNull() ? Optional.empty() : Optional.of(lastMove(last)));
    }

    /** The last move with a move id (schema version 4): its id and exactly one reply, {@code ack}, {@code board} or {@code guess}. */
    private static AppliedMove lastMove(JsonCursor node) {
        List<String> replies = node.entries().keySet().stream().filter(k -> !k.equals("id")).toList();
        if (replies.size() != 1) {
            throw node.fail("expected an id and one of ack, board, guess; got " + node.entries().keySet());
        }
        node.only("id", "ack", "board", "guess");
        String id = node.field("id").text();
        MoveReply reply = switch (replies.get(0)) {
            case "ack" -> {
                JsonCursor ack = node.field("ack");
                if (!ack.text().equals("ok")) {
                    throw ack.fail("expected \"ok\"");
                }
                yield Ack.OK;
            }
            case "board" -> board(node.field("board"));
            default -> guessReply(node.field("guess"));
        };
        return node.build(() -> new AppliedMove(id, reply));
    }

    private static GuessReply guessReply(JsonCursor node) {
        node.only("hit", "forested", "win");
        boolean hit = node.field("hit").booleanValue();
        JsonCursor forested = node.field("forested");
        Optional<IslandType> type = forested.isNull() ? Optional.empty() : Optional.of(IslandType.fromWire(forested.text())
                .orElseThrow(() -> forested.fail("unknown island type \"" + forested.text() + "\"")));
        return new GuessReply(hit, type, node.field("win").booleanValue());
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
