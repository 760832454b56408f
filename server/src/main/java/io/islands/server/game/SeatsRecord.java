package io.islands.server.game;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.islands.storage.StateCodec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seats of one game: screen name to the seat token's hash ({@link Seats}), in the order they
 * were taken (at most two). Saved as {@code {"tokens": {"moon": "sha256:...", "diva": "sha256:..."}}}.
 * {@code toString} shows the names only.
 */
public record SeatsRecord(Map<String, String> tokens) {
    public SeatsRecord {
        tokens = Collections.unmodifiableMap(new LinkedHashMap<>(tokens));
    }

    @Override
    public String toString() {
        return "SeatsRecord[names=" + tokens.keySet() + "]";
    }

    static SeatsRecord empty() {
        return new SeatsRecord(Map.of());
    }

    SeatsRecord with(String screenName, String token) {
        Map<String, String> more = new LinkedHashMap<>(tokens);
        more.put(screenName, token);
        return new SeatsRecord(more);
    }

    /** The JSON codec for a {@link io.islands.storage.StateStores} store of seats. */
    public static final StateCodec<SeatsRecord> CODEC = new StateCodec<>() {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public String encode(SeatsRecord state) {
            try {
                return JSON.writeValueAsString(Map.of("tokens", state.tokens()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public SeatsRecord decode(String json) throws Exception {
            Map<String, LinkedHashMap<String, String>> doc = JSON.readValue(json, new TypeReference<>() {});
            if (doc.get("tokens") == null) {
                throw new IllegalArgumentException("no tokens in seats record");
            }
            return new SeatsRecord(doc.get("tokens"));
        }
    };
}
