package io.islands.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.islands.runtime.checkpoint.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The versions of a quarantine record as one JSON array, newest first:
 * {@code [{"revision": 3, "saved_at": <epoch ms>, "json": "<the state's JSON text>"}]}. The
 * state is kept as a string, so a version whose JSON is corrupt is set aside unchanged.
 */
final class VersionsJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private VersionsJson() {}

    static String encode(List<RawVersion> versions) {
        ArrayNode array = JSON.createArrayNode();
        for (RawVersion v : versions) {
            array.addObject()
                    .put("revision", v.revision())
                    .put("saved_at", v.savedAt().toEpochMilli())
                    .put("json", v.json());
        }
        return array.toString();
    }

    static List<RawVersion> decode(String key, String text) {
        try {
            List<RawVersion> versions = new ArrayList<>();
            for (JsonNode v : JSON.readTree(text)) {
                versions.add(new RawVersion(v.required("revision").asLong(),
                        v.required("json").asText(), Instant.ofEpochMilli(v.required("saved_at").asLong())));
            }
            return versions;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new StoreException("quarantine record of " + key + " is unreadable: " + e.getMessage(), e);
        }
    }
}
