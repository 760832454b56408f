package io.islands.server.game;

import static io.islands.server.game.Demo.guess;
import static io.islands.server.phoenix.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.islands.server.IslandsServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Games and seats survive a restart of the whole server on the same SQLite file. */
class RestartTest {
    @TempDir
    Path dir;

    @Test
    void rejoinWithTheTokensAfterARestartAndFinishTheGame() throws Exception {
        String url = "sqlite:" + dir.resolve("islands.db");
        String moonToken;
        String divaToken;
        try (IslandsServer first = IslandsServer.start("127.0.0.1", 0, url);
                GameClient moon = GameClient.joined(first.port(), "moon", "moon", null);
                GameClient diva = GameClient.joined(first.port(), "moon", "diva", null)) {
            moonToken = moon.token();
            divaToken = diva.token();
            Demo.start(moon, diva, "diva");
            for (int i = 0; i < 10; i++) {
                Demo.round(moon, diva, i);
            }
        }
        try (IslandsServer second = IslandsServer.start("127.0.0.1", 0, url)) {
            try (GameClient thief = GameClient.join(second.port(), "moon", "diva", null);
                    GameClient third = GameClient.join(second.port(), "moon", "sun", null)) {
                assertThat(thief.joinReply.get("response")).isEqualTo(json("{'reason':'unauthorized'}"));
                assertThat(third.joinReply.get("response")).isEqualTo(json("{'reason':'unauthorized'}"));
            }
            try (GameClient moon = GameClient.joined(second.port(), "moon", "moon", moonToken);
                    GameClient diva = GameClient.joined(second.port(), "moon", "diva", divaToken)) {
                assertThat(moon.token()).isEqualTo(moonToken);
                JsonNode view = diva.joinReply.get("response").get("view");
                assertThat(view.get("role").asText()).isEqualTo("player2");
                assertThat(view.get("started").asBoolean()).isTrue();
                assertThat(view.get("state").asText()).isEqualTo("player1_turn");
                assertThat(view.get("opponent_guesses").get("hits").size()).isEqualTo(10);
                assertThat(moon.error("new_game", Map.of())).isEqualTo(json("{'reason':'already_started'}"));
                assertThat(diva.error("guess_coordinate", guess("player2", 1, 1)))
                        .isEqualTo(json("{'player':'player2','reason':'Not your turn.'}"));
                for (int i = 10; i < Demo.CELLS.size(); i++) {
                    Demo.round(moon, diva, i);
                }
                assertThat(diva.view().get("winner").asText()).isEqualTo("player1");
            }
        }
    }
}
