package io.islands.server.game;

import com.fasterxml.jackson.databind.JsonNode;
import io.islands.engine.game.AppliedMove;
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

    /**
     * The role of a {@code set_islands} payload: the book's bare string, or an object with a
     * {@code player} field (the form that can carry a {@code move_id}); empty for anything else.
     */
    static Optional<Player> playerStringOrField(JsonNode payload) {
        return payload != null && payload.isObject() ? playerField(payload) : playerString(payload);
    }

    /**
     * The {@code move_id} of a move's object payload (docs/protocol.md §4.1): a string of 1 to
     * {@value AppliedMove#MAX_ID_CHARS} characters {@code A-Z a-z 0-9 _ -}; empty when absent,
     * null, or not such a string (see {@link #badMoveId}).
     */
    static Optional<String> moveId(JsonNode payload) {
        JsonNode v = payload != null && payload.isObject() ? payload.get("move_id") : null;
        return v != null && v.isTextual() && AppliedMove.isValidId(v.textValue()) ? Optional.of(v.textValue()) : Optional.empty();
    }

    /** @return whether the payload carries a {@code move_id} that is not null and not a valid id: the channel refuses it */
    static boolean badMoveId(JsonNode payload) {
        JsonNode v = payload != null && payload.isObject() ? payload.get("move_id") : null;
        return v != null && !v.isNull() && moveId(payload).isEmpty();
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

    /** The longest invitation {@code play_computer} passes on; the server issues far shorter ones. */
    static final int MAX_INVITATION = 128;
    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,128}");

    /**
     * The {@code invitation} field of an object payload ({@code play_computer}): absent or null
     * gives {@link #NO_INVITATION}; a string of 1..{@value #MAX_INVITATION} letters, digits, {@code _} or {@code -}
     * gives that string; anything else gives empty (the push is refused {@code invalid_params}).
     */
    static Optional<String> invitation(JsonNode payload) {
        JsonNode v = payload == null || !payload.isObject() ? null : payload.get("invitation");
        if (v == null || v.isNull()) {
            return Optional.of(NO_INVITATION);
        }
        return v.isTextual() && TOKEN.matcher(v.textValue()).matches() ? Optional.of(v.textValue()) : Optional.empty();
    }

    /** What {@link #invitation} gives when the payload names none. */
    static final String NO_INVITATION = "";

    /** The payload as a bare string, or null. */
    static String text(JsonNode payload) {
        return payload != null && payload.isTextual() ? payload.asText() : null;
    }
}
