package io.islands.server.phoenix;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one JSON mapper of the Phoenix layer (thread-safe once configured). */
final class Json {
    /**
     * Jackson's default buffer pool is per thread: each socket process's virtual thread kept its
     * own buffers alive (about 26 KB of char buffers per connected player, docs/benchmarks.md
     * "Web path (issue 18)") and every short-lived thread allocated fresh ones. A shared pool
     * lends them out per parse or write and takes them back.
     */
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {}

    /** @throws IllegalArgumentException if Jackson cannot write {@code value} */
    static String encode(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
