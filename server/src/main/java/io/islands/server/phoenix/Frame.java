package io.islands.server.phoenix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Map;

/**
 * One V2 JSON frame, {@code [join_ref, ref, topic, event, payload]}, as received; and the
 * encoders of the frames the server sends (spec islands-book §6).
 *
 * @param joinRef the ref of the channel's phx_join (null for heartbeats and broadcasts)
 * @param ref the message ref a reply echoes (null for server pushes and broadcasts)
 * @param payload any JSON value (object, string, ...)
 */
record Frame(String joinRef, String ref, String topic, String event, JsonNode payload) {
    static final String PHOENIX_TOPIC = "phoenix";
    static final String HEARTBEAT = "heartbeat";
    static final String JOIN = "phx_join";
    static final String LEAVE = "phx_leave";
    static final String REPLY = "phx_reply";
    static final String CLOSE = "phx_close";
    static final String ERROR = "phx_error";

    static final Map<String, Object> EMPTY = Map.of();

    /** The payload of a phx_reply. */
    record ReplyPayload(String status, Object response) {}

    /** @return the text of a frame; a null payload is sent as {@code {}} */
    static String encode(String joinRef, String ref, String topic, String event, Object payload) {
        return Json.encode(Arrays.asList(joinRef, ref, topic, event, payload == null ? EMPTY : payload));
    }

    /** @return a phx_reply frame with status "ok" or "error"; a null response is sent as {@code {}} */
    static String reply(String joinRef, String ref, String topic, String status, Object response) {
        return encode(joinRef, ref, topic, REPLY, new ReplyPayload(status, response == null ? EMPTY : response));
    }

    /** @return an error reply {@code {"reason": reason}} */
    static String errorReply(String joinRef, String ref, String topic, String reason) {
        return reply(joinRef, ref, topic, "error", Map.of("reason", reason));
    }

    /** @return the phx_close or phx_error frame of a channel: {@code [join_ref, join_ref, topic, event, {}]} */
    static String channelEvent(String joinRef, String topic, String event) {
        return encode(joinRef, joinRef, topic, event, EMPTY);
    }
}
