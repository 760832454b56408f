package io.islands.server.game;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.islands.server.IslandsServer;
import io.islands.server.Limits;
import io.islands.server.ServerConfig;
import io.islands.server.phoenix.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One socket cannot create more games per minute than its quota; another socket can; /metrics counts it. */
class GameQuotaTest {
    private static JsonNode replyTo(WsClient c, String ref) throws Exception {
        for (int i = 0; i < 100; i++) {
            JsonNode f = c.next();
            if ("phx_reply".equals(f.get(3).asText()) && ref.equals(f.get(1).asText())) {
                return f.get(4);
            }
        }
        throw new AssertionError("no reply to " + ref);
    }

    private static JsonNode newGame(WsClient c, String name) throws Exception {
        String joinRef = c.join("game:" + name, Map.of("screen_name", name));
        assertThat(c.replyTo(joinRef).get("status").asText()).isEqualTo("ok");
        return c.replyTo(c.send(joinRef, "game:" + name, "new_game", Map.of()));
    }

    @Test
    void aSocketCreatesAtMostItsGamesPerMinute() throws Exception {
        ServerConfig config = ServerConfig.builder().port(0).store("memory:")
                .limits(Limits.builder().gamesPerMinute(2).build()).build();
        try (IslandsServer server = IslandsServer.start(config); WsClient one = WsClient.connect(server.port());
                WsClient two = WsClient.connect(server.port())) {
            assertThat(newGame(one, "g1").get("status").asText()).isEqualTo("ok");
            assertThat(newGame(one, "g2").get("status").asText()).isEqualTo("ok");
            assertThat(newGame(one, "g3")).isEqualTo(WsClient.json("{'status':'error','response':{'reason':'rate_limited'}}"));
            assertThat(server.games().whereis("g3")).isEmpty();
            assertThat(newGame(two, "g4").get("status").asText()).isEqualTo("ok");
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("islands_limits_hit_total{limit=\"games_per_minute\"} 1.0",
                    "islands_limits_hit_total{limit=\"mailbox\"} 0.0");
        }
    }
}
