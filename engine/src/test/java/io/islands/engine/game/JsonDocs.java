package io.islands.engine.game;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** Document edits for the JSON tests. */
final class JsonDocs {

    private JsonDocs() {}

    /** Rewrites a version 2 document as version 1: coordinates as objects {"row": r, "col": c}. */
    static ObjectNode toVersion1(ObjectNode v2) {
        ObjectNode v1 = v2.deepCopy();
        v1.put("schema_version", 1);
        for (String player : new String[] {"player1", "player2"}) {
            v1.get(player).get("board").properties().forEach(island -> {
                for (String field : new String[] {"coordinates", "hit_coordinates"}) {
                    ((ObjectNode) island.getValue()).set(field, objects(island.getValue().get(field)));
                }
            });
            ObjectNode guesses = (ObjectNode) v1.get(player).get("guesses");
            guesses.set("hits", objects(guesses.get("hits")));
            guesses.set("misses", objects(guesses.get("misses")));
        }
        return v1;
    }

    private static ArrayNode objects(JsonNode pairs) {
        ArrayNode objects = JsonNodeFactory.instance.arrayNode();
        pairs.forEach(pair -> objects.addObject().put("row", pair.get(0).intValue()).put("col", pair.get(1).intValue()));
        return objects;
    }

    /** Rewrites a version 2 document as version 0: coordinates as objects, no schema_version, rules in atom spelling. */
    static ObjectNode toVersion0(ObjectNode v2) {
        ObjectNode v0 = toVersion1(v2);
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
