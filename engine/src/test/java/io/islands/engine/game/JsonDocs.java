package io.islands.engine.game;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** Document edits for the JSON tests. */
final class JsonDocs {

    private JsonDocs() {}

    /** Rewrites a version 3 document as version 2: each set of cell names "A1 B3" as pairs [[1, 1], [2, 3]]. */
    static ObjectNode toVersion2(ObjectNode v3) {
        return withCoordinateSets(v3, 2, JsonDocs::pairs);
    }

    private static ArrayNode pairs(JsonNode cells) {
        ArrayNode pairs = JsonNodeFactory.instance.arrayNode();
        for (String name : cells.textValue().isEmpty() ? new String[0] : cells.textValue().split(" ")) {
            pairs.addArray().add(name.charAt(0) - 'A' + 1).add(Integer.parseInt(name.substring(1)));
        }
        return pairs;
    }

    /** Rewrites a version 3 document as version 1: coordinates as objects {"row": r, "col": c}. */
    static ObjectNode toVersion1(ObjectNode v3) {
        return withCoordinateSets(toVersion2(v3), 1, JsonDocs::objects);
    }

    /** A copy of {@code doc} as {@code version}, each set of coordinates replaced by {@code convert} of it. */
    private static ObjectNode withCoordinateSets(ObjectNode doc, int version, UnaryOperator<JsonNode> convert) {
        ObjectNode copy = doc.deepCopy();
        copy.put("schema_version", version);
        for (String player : new String[] {"player1", "player2"}) {
            ((ObjectNode) copy.get(player)).remove("last_move"); // version 4's
            copy.get(player).get("board").properties().forEach(island -> {
                for (String field : new String[] {"coordinates", "hit_coordinates"}) {
                    ((ObjectNode) island.getValue()).set(field, convert.apply(island.getValue().get(field)));
                }
            });
            ObjectNode guesses = (ObjectNode) copy.get(player).get("guesses");
            guesses.set("hits", convert.apply(guesses.get("hits")));
            guesses.set("misses", convert.apply(guesses.get("misses")));
        }
        return copy;
    }

    private static ArrayNode objects(JsonNode pairs) {
        ArrayNode objects = JsonNodeFactory.instance.arrayNode();
        pairs.forEach(pair -> objects.addObject().put("row", pair.get(0).intValue()).put("col", pair.get(1).intValue()));
        return objects;
    }

    /** Rewrites a version 3 document as version 0: coordinates as objects, no schema_version, rules in atom spelling. */
    static ObjectNode toVersion0(ObjectNode v3) {
        ObjectNode v0 = toVersion1(v3);
        v0.remove("schema_version");
        ObjectNode rules = (ObjectNode) v0.get("rules");
        for (String field : new String[] {"state", "player1", "player2"}) {
            rules.put(field, rules.get(field).textValue().toLowerCase(Locale.ROOT));
        }
        return v0;
    }

    /** The object at a JSON pointer, e.g. {@code /player1/board}. */
    static ObjectNode objectAt(ObjectNode doc, String pointer) {
        return (ObjectNode) doc.at(pointer);
    }
}
