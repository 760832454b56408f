package io.islands.server.game;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.islands.storage.StateCodec;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seats of one game: screen name to the seat token's hash ({@link Seats}), in the order they
 * were taken (at most two), when the record was made and whether its game was started. Saved as
 * {@code {"tokens": {"moon": "sha256:...", "diva": "sha256:..."}, "created": 1764748800000,
 * "started": true}}; a record of an older version has only {@code tokens} (created 0, not
 * started). {@code toString} shows the names only.
 *
 * @param tokens  screen name to stored token
 * @param created when the first seat was taken, epoch milliseconds (0: unknown, an older record)
 * @param started whether {@code new_game} succeeded for the game these seats belong to
 * @param invitation the hash of the invitation the second seat needs ({@link Seats}), or null
 *     when the game is open to anyone who knows its name (the book's flow)
 */
public record SeatsRecord(Map<String, String> tokens, long created, boolean started, String invitation) {
    public SeatsRecord {
        tokens = Collections.unmodifiableMap(new LinkedHashMap<>(tokens));
    }

    /** Tokens only, as an older version wrote them. */
    public SeatsRecord(Map<String, String> tokens) {
        this(tokens, 0, false, null);
    }

    @Override
    public String toString() {
        return "SeatsRecord[names=" + tokens.keySet() + ", created=" + created + ", started=" + started
                + ", invitation=" + (invitation == null ? "none" : "<redacted>") + "]";
    }

    static SeatsRecord empty(long now) {
        return new SeatsRecord(Map.of(), now, false, null);
    }

    SeatsRecord with(String screenName, String token) {
        Map<String, String> more = new LinkedHashMap<>(tokens);
        more.put(screenName, token);
        return new SeatsRecord(more, created, started, invitation);
    }

    SeatsRecord without(String screenName) {
        Map<String, String> fewer = new LinkedHashMap<>(tokens);
        fewer.remove(screenName);
        return new SeatsRecord(fewer, created, started, invitation);
    }

    SeatsRecord markStarted() {
        return new SeatsRecord(tokens, created, true, invitation);
    }

    SeatsRecord withInvitation(String hash) {
        return new SeatsRecord(tokens, created, started, hash);
    }

    /** The JSON codec for a {@link io.islands.storage.StateStores} store of seats. */
    public static final StateCodec<SeatsRecord> CODEC = new StateCodec<>() {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public String encode(SeatsRecord state) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("tokens", state.tokens());
            doc.put("created", state.created());
            doc.put("started", state.started());
            if (state.invitation() != null) {
                doc.put("invitation", state.invitation());
            }
            try {
                return JSON.writeValueAsString(doc);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public SeatsRecord decode(String json) throws Exception {
            JsonNode doc = JSON.readTree(json);
            JsonNode tokens = doc == null ? null : doc.get("tokens");
            if (tokens == null || !tokens.isObject()) {
                throw new IllegalArgumentException("no tokens in seats record");
            }
            Map<String, String> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = tokens.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    throw new IllegalArgumentException("a seat token is not a string");
                }
                map.put(e.getKey(), e.getValue().textValue());
            }
            JsonNode invitation = doc.get("invitation");
            return new SeatsRecord(map, doc.path("created").asLong(0), doc.path("started").asBoolean(false),
                    invitation != null && invitation.isTextual() ? invitation.textValue() : null);
        }
    };
}
