package io.islands.server.game;

import static io.islands.server.game.Demo.position;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.islands.server.IslandsServer;
import io.islands.server.Limits;
import io.islands.server.ServerConfig;
import io.islands.server.phoenix.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seats live and die with their game, and channels follow it (issue 14): a stopped game closes
 * its channels and frees its name; a game that idled out frees its name and its old channels
 * lose their role; seats of a game never started expire; a finished game is stopped after its
 * retention. Real servers on memory stores, with short lifetimes where needed.
 */
class SeatLifecycleTest {
    private static JsonNode awaitClose(GameClient c) throws Exception {
        for (int i = 0; i < 100; i++) {
            JsonNode f = c.ws.next();
            if (f.get(3).asText().equals("phx_close") && f.get(2).asText().equals(c.topic)) {
                return f;
            }
        }
        throw new AssertionError("no phx_close for " + c.topic);
    }

    private static boolean gone(IslandsServer server, String game) {
        return server.games().whereis(game).isEmpty() && server.games().store().versions(game).isEmpty();
    }

    @Test
    void stoppingAGameClosesItsChannels_andItsNameIsFreeAgain() throws Exception {
        try (IslandsServer server = IslandsServer.start(ServerConfig.loopback("memory:"));
                GameClient moon = GameClient.joined(server.port(), "moon", "moon", null);
                GameClient diva = GameClient.joined(server.port(), "moon", "diva", null)) {
            moon.ok("new_game", Map.of());
            diva.noReply("add_player", "diva");
            HttpResponse<String> stop = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/api/games/moon/stop"))
                    .header("Authorization", "Bearer " + server.adminToken())
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stop.statusCode()).as(stop.body()).isEqualTo(200);
            assertThat(awaitClose(moon).get(0).asText()).isEqualTo(moon.joinRef);
            assertThat(awaitClose(diva).get(0).asText()).isEqualTo(diva.joinRef);
            try (GameClient moon2 = GameClient.joined(server.port(), "moon", "moon", null);
                    GameClient sun = GameClient.joined(server.port(), "moon", "sun", null)) {
                moon2.ok("new_game", Map.of());
                sun.noReply("add_player", "sun");
                assertThat(sun.view().get("role").asText()).isEqualTo("player2");
            }
        }
    }

    @Test
    void aGameThatIdledOutFreesItsName_andItsOldChannelsLoseTheirRoleAtOnce() throws Exception {
        ServerConfig config = ServerConfig.builder().port(0).store("memory:").gameIdleTimeout(Duration.ofMillis(300)).build();
        try (IslandsServer server = IslandsServer.start(config);
                GameClient moon = GameClient.joined(server.port(), "moon", "moon", null);
                GameClient diva = GameClient.joined(server.port(), "moon", "diva", null)) {
            moon.ok("new_game", Map.of());
            diva.noReply("add_player", "diva");
            assertThat(diva.view().get("role").asText()).isEqualTo("player2");
            diva.ok("position_island", position("player2", "dot", 1, 1)); // the channel keeps player 2's role from here
            await().atMost(Duration.ofSeconds(10)).until(() -> gone(server, "moon"));

            // the game is gone and its name not taken again yet: a move finds it gone, and its seat with it
            assertThat(diva.error("position_island", position("player2", "dot", 3, 3)))
                    .isEqualTo(WsClient.json("{'reason':'unauthorized'}"));
            assertThat(moon.error("position_island", position("player1", "dot", 3, 3)))
                    .isEqualTo(WsClient.json("{'reason':'unauthorized'}"));

            // the old player 1 token is not needed, and a new player 2 is welcome
            try (GameClient moon2 = GameClient.joined(server.port(), "moon", "moon", null);
                    GameClient sun = GameClient.joined(server.port(), "moon", "sun", null)) {
                assertThat(moon2.token()).isNotEqualTo(moon.token());
                moon2.ok("new_game", Map.of());
                sun.noReply("add_player", "sun");
                assertThat(sun.view().get("role").asText()).isEqualTo("player2");
                // the old channels are still joined (no sweep yet) but act as nobody in the new game
                assertThat(diva.error("position_island", position("player2", "dot", 1, 1)))
                        .isEqualTo(WsClient.json("{'reason':'unauthorized'}"));
                assertThat(moon.error("position_island", position("player1", "dot", 1, 1)))
                        .isEqualTo(WsClient.json("{'reason':'unauthorized'}"));
                assertThat(diva.view().get("role").isNull()).isTrue();
                moon2.ok("position_island", position("player1", "dot", 1, 1));
            }
        }
    }

    @Test
    void seatsOfAGameNeverStartedExpire() throws Exception {
        ServerConfig config = ServerConfig.builder().port(0).store("memory:")
                .limits(Limits.builder().unstartedGameExpiry(Duration.ofMillis(300)).build()).build();
        try (IslandsServer server = IslandsServer.start(config);
                GameClient moon = GameClient.joined(server.port(), "moon", "moon", null);
                GameClient diva = GameClient.joined(server.port(), "moon", "diva", null)) {
            try (GameClient sun = GameClient.join(server.port(), "moon", "sun", null)) {
                assertThat(sun.joinReply.get("status").asText()).isEqualTo("error");
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(awaitClose(moon)).isNotNull());
            try (GameClient sun = GameClient.joined(server.port(), "moon", "sun", null)) {
                assertThat(sun.joinReply.get("response").get("view").get("started").asBoolean()).isFalse();
            }
        }
    }

    @Test
    void aFinishedGameIsStoppedAfterItsRetention_andItsChannelsClosed() throws Exception {
        ServerConfig config = ServerConfig.builder().port(0).store("memory:")
                .limits(Limits.builder().finishedGameRetention(Duration.ofMillis(300)).build()).build();
        try (IslandsServer server = IslandsServer.start(config);
                GameClient moon = GameClient.joined(server.port(), "moon", "moon", null);
                GameClient diva = GameClient.joined(server.port(), "moon", "diva", null)) {
            Demo.start(moon, diva, "diva");
            for (int i = 0; i < Demo.CELLS.size(); i++) {
                Demo.round(moon, diva, i);
            }
            assertThat(moon.view().get("state").asText()).isEqualTo("game_over");
            assertThat(awaitClose(moon)).isNotNull();
            assertThat(awaitClose(diva)).isNotNull();
            assertThat(gone(server, "moon")).isTrue();
            try (GameClient sun = GameClient.joined(server.port(), "moon", "sun", null)) {
                assertThat(sun.joinReply.get("response").get("view").get("started").asBoolean()).isFalse();
            }
        }
    }
}
