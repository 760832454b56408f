package io.islands.engine.game;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** A JSON value with its path from the document root, for reading with errors that say where. */
final class JsonCursor {

    private final JsonNode node;
    private final String path;

    private JsonCursor(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The whole document, at path {@code $}. */
    static JsonCursor root(JsonNode document) {
        return new JsonCursor(document, "$");
    }

    /** The object itself, for rewriting during an upgrade. */
    ObjectNode object() {
        if (!(node instanceof ObjectNode object)) {
            throw fail("expected an object, got " + describe());
        }
        return object;
    }

    /** A field that must be present. */
    JsonCursor field(String name) {
        JsonNode child = object().get(name);
        if (child == null) {
            throw fail("missing field \"" + name + "\"");
        }
        return new JsonCursor(child, path + "." + name);
    }

    /** Checks that the object has no fields but {@code names}; returns this cursor. */
    JsonCursor only(String... names) {
        List<String> allowed = Arrays.asList(names);
        for (Map.Entry<String, JsonNode> field : object().properties()) {
            if (!allowed.contains(field.getKey())) {
                throw fail("unexpected field \"" + field.getKey() + "\"");
            }
        }
        return this;
    }

    /** The fields of an object, in document order. */
    Map<String, JsonCursor> entries() {
        Map<String, JsonCursor> entries = new LinkedHashMap<>();
        object().properties().forEach(e -> entries.put(e.getKey(), new JsonCursor(e.getValue(), path + "." + e.getKey())));
        return entries;
    }

    /** The elements of an array. */
    List<JsonCursor> elements() {
        if (!node.isArray()) {
            throw fail("expected an array, got " + describe());
        }
        List<JsonCursor> elements = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            elements.add(new JsonCursor(node.get(i), path + "[" + i + "]"));
        }
        return elements;
    }

    /** A JSON integer that fits an {@code int}. */
    int intValue() {
        if (!node.isInt()) {
            throw fail("expected an integer, got " + describe());
        }
        return node.intValue();
    }

    /** A JSON string. */
    String text() {
        if (!node.isTextual()) {
            throw fail("expected a string, got " + describe());
        }
        return node.textValue();
    }

    /** A JSON boolean. */
    boolean booleanValue() {
        if (!node.isBoolean()) {
            throw fail("expected true or false, got " + describe());
        }
        return node.booleanValue();
    }

    /** @return whether the value is JSON null */
    boolean isNull() {
        return node.isNull();
    }

    /** A JSON string or null. */
    String textOrNull() {
        return node.isNull() ? null : text();
    }

    /** A string that is the name of a constant of {@code type}. */
    <E extends Enum<E>> E constant(Class<E> type) {
        String name = text();
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw fail("unknown value \"" + name + "\", expected one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** Builds a domain value here, turning its refusal into an error at this path. */
    <T> T build(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw fail(e.getMessage());
        }
    }

    /** An error about this value. */
    GameStateFormatException fail(String message) {
        return new GameStateFormatException(path + ": " + message);
    }

    private String describe() {
        if (node.isMissingNode() || node.isNull()) {
            return node.isNull() ? "null" : "nothing";
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + node;
    }
}
