package io.islands.engine.game;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Brings a game state document of any known schema version up to the current one, one version at
 * a time. To add version N+1: append the step from N to {@link #STEPS} and write version N+1 in
 * {@link StateEncoder} and {@link StateDecoder}.
 *
 * <p>Versions: 0 has no {@code schema_version} field and spells the rules' values as the book's
 * atoms ({@code "player1_turn"}, {@code "islands_set"}); 1 adds {@code "schema_version": 1} and
 * spells them as the Java constants ({@code "PLAYER1_TURN"}, {@code "ISLANDS_SET"}); 2 writes each
 * coordinate of the islands and guesses as a pair {@code [row, col]} instead of an object
 * {@code {"row": r, "col": c}} (a saved state a third of the size); 3 writes each set of
 * coordinates as one string of cell names {@code "A1 B3 J10"} (row letter, then column), about
 * two thirds of version 2's bytes for a game in play; 4 adds each player's {@code last_move}
 * (the last move applied under a client's move id, with its reply; {@code null} when none).
 */
final class SchemaUpgrades {

    /** {@code STEPS.get(v)} turns a version {@code v} document into a version {@code v + 1} one. */
    private static final List<UnaryOperator<JsonCursor>> STEPS = List.of(SchemaUpgrades::fromVersion0, SchemaUpgrades::fromVersion1,
            SchemaUpgrades::fromVersion2, SchemaUpgrades::fromVersion3);

    /** The version this build writes. */
    static final int CURRENT = STEPS.size();

    private SchemaUpgrades() {}

    /**
     * Returns a copy of {@code document} upgraded to {@link #CURRENT}; the argument is not changed.
     *
     * @throws GameStateFormatException if it is not an object, or its version is unknown
     */
    static JsonCursor toCurrent(JsonNode document) {
        JsonCursor doc = JsonCursor.root(JsonCursor.root(document).object().deepCopy());
        for (int version = versionOf(doc); version < CURRENT; version++) {
            doc = STEPS.get(version).apply(doc);
        }
        return doc;
    }

    private static int versionOf(JsonCursor doc) {
        if (!doc.object().has("schema_version")) {
            return 0;
        }
        JsonCursor field = doc.field("schema_version");
        int version = field.intValue();
        if (version < 1) {
            throw field.fail("expected a version from 1 to " + CURRENT
                    + " (a version 0 document has no schema_version), got " + version);
        }
        if (version > CURRENT) {
            throw field.fail("version " + version + " is newer than this build reads (up to " + CURRENT + ")");
        }
        return version;
    }

    private static JsonCursor fromVersion0(JsonCursor doc) {
        JsonCursor rules = doc.field("rules");
        ObjectNode upgradedRules = rules.object().deepCopy();
        upgradedRules.put("state", fromAtom(rules.field("state"), RulesState.class));
        upgradedRules.put("player1", fromAtom(rules.field("player1"), IslandsStatus.class));
        upgradedRules.put("player2", fromAtom(rules.field("player2"), IslandsStatus.class));

        ObjectNode upgraded = JsonNodeFactory.instance.objectNode();
        upgraded.put("schema_version", 1);
        upgraded.setAll(doc.object());
        upgraded.set("rules", upgradedRules);
        return JsonCursor.root(upgraded);
    }

    /** Coordinates from objects to pairs, checked as strictly as version 1 read them (errors name the same paths). */
    private static JsonCursor fromVersion1(JsonCursor doc) {
        return withCoordinateSets(doc, 2, SchemaUpgrades::pairs);
    }

    /** Pairs to cell names, checked as strictly as version 2 was read (errors name the same paths). */
    private static JsonCursor fromVersion2(JsonCursor doc) {
        return withCoordinateSets(doc, 3, pairs -> JsonNodeFactory.instance.textNode(cellNames(pairs)));
    }

    /** Each player gets {@code "last_move": null}: no game saved before version 4 had move ids. */
    private static JsonCursor fromVersion3(JsonCursor doc) {
        ObjectNode upgraded = doc.object().deepCopy();
        upgraded.put("schema_version", 4);
        for (String player : List.of("player1", "player2")) {
            doc.field(player).object(); // an object, or the error names its path
            ((ObjectNode) upgraded.get(player)).putNull("last_move");
        }
        return JsonCursor.root(upgraded);
    }

    /**
     * @return a copy of {@code doc} as {@code version}, each set of coordinates (islands' cells and
     *     hits, guesses' hits and misses) replaced by {@code convert} of it
     */
    private static JsonCursor withCoordinateSets(JsonCursor doc, int version, Function<JsonCursor, JsonNode> convert) {
        ObjectNode upgraded = doc.object().deepCopy();
        upgraded.put("schema_version", version);
        for (String player : List.of("player1", "player2")) {
            JsonCursor p = doc.field(player);
            ObjectNode target = (ObjectNode) upgraded.get(player);
            p.field("board").entries().forEach((wire, island) -> {
                ObjectNode islandTarget = (ObjectNode) target.get("board").get(wire);
                for (String field : List.of("coordinates", "hit_coordinates")) {
                    if (island.object().has(field)) {
                        islandTarget.set(field, convert.apply(island.field(field)));
                    }
                }
            });
            JsonCursor guesses = p.field("guesses");
            for (String field : List.of("hits", "misses")) {
                if (guesses.object().has(field)) {
                    ((ObjectNode) target.get("guesses")).set(field, convert.apply(guesses.field(field)));
                }
            }
        }
        return JsonCursor.root(upgraded);
    }

    /** {@code [[row, col], ...]} as {@code "A1 B3"}, sorted; a pair that is not two integers on the board, or a duplicate, fails. */
    private static String cellNames(JsonCursor pairs) {
        Set<Coordinate> coordinates = new TreeSet<>();
        for (JsonCursor element : pairs.elements()) {
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
        StringBuilder sb = new StringBuilder();
        for (Coordinate c : coordinates) {
            sb.append(sb.isEmpty() ? "" : " ").append(StateEncoder.cellName(c.row(), c.col()));
        }
        return sb.toString();
    }

    private static ArrayNode pairs(JsonCursor objects) {
        ArrayNode pairs = JsonNodeFactory.instance.arrayNode();
        for (JsonCursor element : objects.elements()) {
            element.only("row", "col");
            pairs.addArray().add(element.field("row").intValue()).add(element.field("col").intValue());
        }
        return pairs;
    }

    private static <E extends Enum<E>> String fromAtom(JsonCursor atom, Class<E> type) {
        String text = atom.text();
        return Wire.lookup(type, text)
                .orElseThrow(() -> atom.fail("unknown version 0 value \"" + text + "\" (a document without schema_version is read as version 0)"))
                .name();
    }
}
