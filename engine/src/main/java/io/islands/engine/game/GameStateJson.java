package io.islands.engine.game;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The versioned JSON form of a {@link GameState}, for saving games, and the book's board JSON.
 *
 * <p>Schema version 4 (what {@link #encode} writes):
 * <pre>{@code
 * {"schema_version": 4,
 *  "player1": {"name": "alice",
 *              "board": {"atoll": {"coordinates": "A1 A2 B2 C1 C2", "hit_coordinates": "A1"}, ...},
 *              "guesses": {"hits": "A5", "misses": "B3 J10"},
 *              "last_move": {"id": "m7", "guess": {"hit": true, "forested": null, "win": false}}},
 *  "player2": {"name": null, ...},
 *  "rules": {"state": "PLAYERS_SET", "player1": "ISLANDS_NOT_SET", "player2": "ISLANDS_SET"}}
 * }</pre>
 * Each set of coordinates is one string of cell names (the row as a letter A–J, then the column
 * 1–10), separated by single spaces. {@code last_move} is the player's last move applied under a
 * client's move id ({@link AppliedMove}): its id and its reply, one of {@code "ack": "ok"},
 * {@code "board": <board>} or {@code "guess"}; {@code null} when none. Versions 1 and 2 wrote
 * coordinates as objects and as pairs, version 3 had no {@code last_move} (docs/recovery.md);
 * {@link #decode} upgrades them.
 * Islands are keyed by their wire names in the book's type order; cells are sorted by
 * row, then column, so equal states encode to equal text. Decoding reverses encoding exactly.
 *
 * <p>Version 0 is the same document without {@code schema_version}, with the rules' values in
 * the book's atom spelling ({@code "player1_turn"}, {@code "islands_set"}); {@link #decode}
 * upgrades it.
 */
public final class GameStateJson {

    /** The schema version {@link #encode} writes and {@link #decode} reads up to. */
    public static final int SCHEMA_VERSION = SchemaUpgrades.CURRENT;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private GameStateJson() {}

    /** Returns the current-version document of {@code game}; never fails. */
    public static ObjectNode encode(GameState game) {
        return StateEncoder.game(game);
    }

    /** Returns the current-version document of {@code game} as compact JSON text; never fails. */
    public static String toJson(GameState game) {
        try {
            return MAPPER.writeValueAsString(encode(game));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree failed to serialize", e);
        }
    }

    /**
     * Reads a document of any version up to {@link #SCHEMA_VERSION}, upgrading older ones.
     * {@code document} itself is not changed.
     *
     * @return the game state
     * @throws GameStateFormatException if the document is not an object, its version is unknown or
     *     newer than this build, a field is missing, extra or mistyped, or the state it describes
     *     is impossible (cells off the board, misshapen or overlapping islands, hits on water)
     */
    public static GameState decode(JsonNode document) {
        Objects.requireNonNull(document, "document");
        return StateDecoder.game(SchemaUpgrades.toCurrent(document));
    }

    /**
     * Parses JSON text and {@link #decode decodes} it.
     *
     * @throws GameStateFormatException if the text is not one JSON value (or has duplicate keys),
     *     or for any reason {@link #decode} gives
     */
    public static GameState fromJson(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode document;
        try {
            document = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new GameStateFormatException("$: not valid JSON: " + e.getOriginalMessage(), e);
        }
        return decode(document);
    }

    /**
     * The board as the book's {@code set_islands} reply carried it (§5.6, Poison era):
     * {@code {"atoll": {"coordinates": [{"row": 1, "col": 1}, ...], "hit_coordinates": []}, ...}},
     * with only the islands on the board; in the same deterministic order as {@link #encode}.
     *
     * @return a new JSON object; never fails
     */
    public static ObjectNode boardJson(Board board) {
        return StateEncoder.board(board);
    }
}
