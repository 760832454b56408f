package io.islands.server.lobby;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.islands.server.IslandsServer;
import io.islands.server.ServerConfig;
import io.islands.server.phoenix.WsClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile input on the lobby topic and the rematch push (docs/protocol.md §9, §10): every bad
 * payload is an error reply with its reason and the channel lives on; quick matches draw from the
 * socket's games quota; a rematch before the game is over, or from a channel with no role, is
 * refused.
 */
class LobbyInputTest {
    private static IslandsServer server;

    @BeforeAll
    static void start() {
        server = IslandsServer.start(ServerConfig.builder().host("127.0.0.1").port(0).store("memory:").build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode push(WsClient c, String joinRef, String topic, String event, Object payload) throws Exception {
        return c.replyTo(c.send(joinRef, topic, event, payload));
    }

    private static void awaitEvent(WsClient c, String event) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (c.next().get(3).asText().equals(event)) {
                return;
            }
        }
        throw new AssertionError("no " + event + " in 100 frames");
    }

    @Test
    void badPayloadsAreRefusedWithTheirReason_andTheChannelLivesOn() throws Exception {
        try (WsClient c = WsClient.connect(server.port())) {
            String lobby = c.join("lobby", List.of("not", "an", "object")); // the join's payload is ignored
            assertThat(c.replyTo(lobby).get("status").asText()).isEqualTo("ok");
            for (Object bad : List.of("moon", 42, List.of(), Map.of(), Map.of("screen_name", 7),
                    Map.of("screen_name", ""), Map.of("screen_name", "x".repeat(41)), Map.of("screen_name", "<b>moon</b>"),
                    Map.of("screen_name", "moon\nERROR forged"), Map.of("screen_name", "mo\u202eon"))) {
                JsonNode r = push(c, lobby, "lobby", "quick_match", bad);
                assertThat(r.get("status").asText()).as("%s", bad).isEqualTo("error");
                assertThat(r.at("/response/reason").asText()).as("%s", bad).isEqualTo("invalid_name");
            }
            assertThat(push(c, lobby, "lobby", "nope", Map.of()).at("/response/reason").asText()).isEqualTo("unknown_event");
            assertThat(push(c, lobby, "lobby", "cancel_match", "x").at("/response/status").asText()).isEqualTo("not_waiting");
            assertThat(server.matchmaker().waiting()).isZero();
            JsonNode ok = push(c, lobby, "lobby", "quick_match", Map.of("screen_name", "inputmoon"));
            assertThat(ok.at("/response/status").asText()).isEqualTo("waiting");
            assertThat(push(c, lobby, "lobby", "cancel_match", Map.of()).at("/response/status").asText()).isEqualTo("cancelled");
        }
    }

    @Test
    void quickMatchesDrawFromTheSocketsGamesQuota() throws Exception {
        int quota = server.config().limits().gamesPerMinute();
        try (WsClient c = WsClient.connect(server.port())) {
            String lobby = c.join("lobby", Map.of());
            c.replyTo(lobby);
            for (int i = 0; i < quota; i++) {
                assertThat(push(c, lobby, "lobby", "quick_match", Map.of("screen_name", "quota")).at("/response/status").asText())
                        .as("quick match %d", i).isEqualTo("waiting");
                assertThat(push(c, lobby, "lobby", "cancel_match", Map.of()).at("/response/status").asText()).isEqualTo("cancelled");
            }
            assertThat(push(c, lobby, "lobby", "quick_match", Map.of("screen_name", "quota")).at("/response/reason").asText())
                    .isEqualTo("rate_limited");
        }
    }

    @Test
    void aRematchBeforeTheEnd_orWithoutARole_isRefused() throws Exception {
        try (WsClient moon = WsClient.connect(server.port()); WsClient sun = WsClient.connect(server.port())) {
            String m = moon.join("game:rematchmoon", Map.of("screen_name", "rematchmoon"));
            String token = moon.replyTo(m).at("/response/token").asText();
            assertThat(token).isNotEmpty();
            assertThat(push(moon, m, "game:rematchmoon", "new_game", Map.of()).get("status").asText()).isEqualTo("ok");
            assertThat(push(moon, m, "game:rematchmoon", "rematch", Map.of()).at("/response/reason").asText())
                    .as("no opponent yet").isEqualTo("unauthorized");
            String s = sun.join("game:rematchmoon", Map.of("screen_name", "rematchsun"));
            sun.replyTo(s);
            assertThat(push(sun, s, "game:rematchmoon", "rematch", Map.of()).at("/response/reason").asText())
                    .as("a seat without a role").isEqualTo("unauthorized");
            sun.send(s, "game:rematchmoon", "add_player", "rematchsun");
            awaitEvent(sun, "player_added");
            assertThat(push(moon, m, "game:rematchmoon", "rematch", List.of(1, 2)).at("/response/reason").asText())
                    .as("the game is not over").isEqualTo("not_over");
            assertThat(push(sun, s, "game:rematchmoon", "rematch", "x").at("/response/reason").asText()).isEqualTo("not_over");
        }
    }
}
