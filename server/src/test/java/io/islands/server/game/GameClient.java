package io.islands.server.game;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.islands.server.phoenix.WsClient;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One player's socket joined to {@code game:<name>}: pushes, waits for the reply to a given ref or
 * the next broadcast of a given event, and keeps every other frame for later (frames of
 * different kinds may interleave: presence diffs, broadcasts, replies).
 */
final class GameClient implements AutoCloseable {
    final WsClient ws;
    final String topic;
    final String joinRef;
    /** The join's reply payload: {@code {"status", "response"}}. */
    final JsonNode joinReply;
    private final List<JsonNode> stash = new ArrayList<>();

    private GameClient(int port, String game, String screenName, String token) throws Exception {
        ws = WsClient.connect(port);
        topic = "game:" + game;
        Map<String, Object> params = new LinkedHashMap<>();
        if (screenName != null) {
            params.put("screen_name", screenName);
        }
        if (token != null) {
            params.put("token", token);
        }
        joinRef = ws.join(topic, params);
        joinReply = reply(joinRef);
    }

    /** Connects and joins; the join may have been refused (see {@link #joinReply}). */
    static GameClient join(int port, String game, String screenName, String token) throws Exception {
        return new GameClient(port, game, screenName, token);
    }

    /** Connects and joins, asserting the join succeeded. */
    static GameClient joined(int port, String game, String screenName, String token) throws Exception {
        GameClient c = join(port, game, screenName, token);
        assertThat(c.joinReply.get("status").asText()).as("join of %s: %s", screenName, c.joinReply).isEqualTo("ok");
        return c;
    }

    String token() {
        return joinReply.get("response").get("token").asText();
    }

    String push(String event, Object payload) throws Exception {
        return ws.send(joinRef, topic, event, payload);
    }

    /** Pushes and returns the reply ({@code {"status", "response"}}). */
    JsonNode call(String event, Object payload) throws Exception {
        return reply(push(event, payload));
    }

    /** Pushes, asserting an ok reply; returns its response. */
    JsonNode ok(String event, Object payload) throws Exception {
        JsonNode r = call(event, payload);
        assertThat(r.get("status").asText()).as("%s %s: %s", event, payload, r).isEqualTo("ok");
        return r.get("response");
    }

    /** Pushes, asserting an error reply; returns its response. */
    JsonNode error(String event, Object payload) throws Exception {
        JsonNode r = call(event, payload);
        assertThat(r.get("status").asText()).as("%s %s: %s", event, payload, r).isEqualTo("error");
        return r.get("response");
    }

    JsonNode view() throws Exception {
        return ok("view", Map.of()).get("view");
    }

    /** Pushes an event that has no reply on success; asserts none came (a later view is the barrier). */
    void noReply(String event, Object payload) throws Exception {
        String ref = push(event, payload);
        view();
        assertThat(stash).noneMatch(f -> f.get(3).asText().equals("phx_reply") && ref.equals(f.get(1).asText()));
    }

    /**
     * Pushes a move that answers nothing on success and waits for the first of: its reply (an
     * error), or the broadcast {@code broadcast} (its success). For moves tried again until they
     * are applied (a cluster's failover). @return that frame
     */
    JsonNode pushUntil(String event, Object payload, String broadcast) throws Exception {
        return pushUntil(event, payload, broadcast, p -> true);
    }

    /** {@link #pushUntil(String, Object, String)} counting only a broadcast whose payload {@code mine} accepts. */
    JsonNode pushUntil(String event, Object payload, String broadcast, Predicate<JsonNode> mine) throws Exception {
        String ref = push(event, payload);
        return take(f -> (f.get(3).asText().equals("phx_reply") && ref.equals(f.get(1).asText()))
                || (f.get(0).isNull() && f.get(2).asText().equals(topic) && f.get(3).asText().equals(broadcast)
                        && mine.test(f.get(4))));
    }

    /** @return the payload of the next {@code phx_reply} to {@code ref} */
    JsonNode reply(String ref) throws Exception {
        return take(f -> f.get(3).asText().equals("phx_reply") && ref.equals(f.get(1).asText())).get(4);
    }

    /** @return the payload of the next broadcast {@code event} on this topic */
    JsonNode event(String event) throws Exception {
        return take(f -> f.get(0).isNull() && f.get(2).asText().equals(topic) && f.get(3).asText().equals(event)).get(4);
    }

    private JsonNode take(Predicate<JsonNode> wanted) throws Exception {
        for (Iterator<JsonNode> it = stash.iterator(); it.hasNext(); ) {
            JsonNode f = it.next();
            if (wanted.test(f)) {
                it.remove();
                return f;
            }
        }
        for (;;) {
            JsonNode f = ws.next();
            if (wanted.test(f)) {
                return f;
            }
            stash.add(f);
        }
    }

    @Override
    public void close() {
        ws.close();
    }
}
