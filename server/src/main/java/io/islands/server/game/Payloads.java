package io.islands.server.game;

import com.fasterxml.jackson.databind.JsonNode;
import io.islands.engine.game.Player;
import java.util.Optional;

/**
 * Reads push payloads without ever failing (docs/protocol.md §4.3): a bad field becomes a value
 * the engine refuses with the right reason, in the engine's order of checks.
 */
public final class Payloads {
    /** A row or column no board has: the engine answers invalid_coordinate, after its rules check. */
    static final int OFF_BOARD = 0;
    /** An island type no board has: the engine answers invalid_island_type, in its order. */
    static final String NO_ISLAND = "";

    private Payloads() {}

    /** The role an object payload names in its {@code player} field; empty for anything else. */
    static Optional<Player> playerField(JsonNode payload) {
        return payload != null && payload.isObject() ? Player.fromWire(text(payload.get("player"))) : Optional.empty();
    }

    /** The role a bare-string payload names; empty for anything else. */
    static Optional<Player> playerString(JsonNode payload) {
        return Player.fromWire(text(payload));
    }

    /** An integer field, or {@link #OFF_BOARD} when missing, not an integer or out of int range. */
    static int cell(JsonNode payload, String field) {
        JsonNode v = payload.get(field);
        return v != null && v.isIntegralNumber() && v.canConvertToInt() ? v.asInt() : OFF_BOARD;
    }

    /** The island field when it is a string, else {@link #NO_ISLAND}. */
    static String island(JsonNode payload) {
        JsonNode v = payload.get("island");
        return v != null && v.isTextual() ? v.asText() : NO_ISLAND;
    }

    /**
     * The string member {@code field} of an object payload when it is a valid name ({@link Names},
     * the one check of names); empty for anything else (not an object, missing, not a string, not
     * a name). Used by the lobby's pushes (docs/protocol.md §9).
     */
    public static Optional<String> name(JsonNode payload, String field, Names names) {
        JsonNode v = payload != null && payload.isObject() ? payload.get(field) : null;
        return v != null && v.isTextual() && names.valid(v.textValue()) ? Optional.of(v.textValue()) : Optional.empty();
    }

    /** The payload as a bare string, or null. */
    static String text(JsonNode payload) {
        return payload != null && payload.isTextual() ? payload.asText() : null;
    }
}
