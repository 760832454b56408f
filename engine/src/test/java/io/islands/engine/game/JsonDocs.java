package io.islands.engine.game;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** Document edits for the JSON tests. */
final class JsonDocs {

    private JsonDocs() {}

    /** Rewrites a version 1 document as version 0: no schema_version, rules in atom spelling. */
    static ObjectNode toVersion0(ObjectNode v1) {
        ObjectNode v0 = v1.deepCopy();
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
