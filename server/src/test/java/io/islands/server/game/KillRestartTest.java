package io.islands.server.game;

import static io.islands.server.phoenix.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as a child JVM ({@code Main serve}) on a SQLite file is killed with SIGKILL in the
 * middle of a game; a new child on the same file takes the players back by their tokens, with
 * their seats, islands and guesses, and the game is finished.
 */
class KillRestartTest {
    private static final int HALF = Demo.CELLS.size() / 2;

    @TempDir
    Path dir;
    private ServerJvm child;

    /** One server JVM on the SQLite file {@code db}, ready. */
    private static ServerJvm child(Path db) throws Exception {
        return ServerJvm.start("server", List.of(), List.of("--host", "127.0.0.1", "--port", "0", "--store", "sqlite:" + db));
    }

    @AfterEach
    void stopChild() throws Exception {
        if (child != null && child.process.isAlive()) {
            child.kill();
        }
    }

    /** serve prints the observer's URL and its generated token, and the API takes that token. */
    private void assertObserverTokenPrinted(int port) throws Exception {
        Pattern line = Pattern.compile("Observer: (http://127\\.0\\.0\\.1:" + port + "/observer) admin token: (\\S+)");
        Matcher m = org.awaitility.Awaitility.await().until(() -> line.matcher(child.output), Matcher::find);
        HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/games")).header("Authorization", "Bearer " + m.group(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
    }

    @Test
    void killTheServerMidGame_restartOnTheSameStore_rejoinByTokens_andFinish() throws Exception {
        Path db = dir.resolve("islands.db");
        child = child(db);
        int port = child.port();
        assertObserverTokenPrinted(port);
        String moonToken;
        String divaToken;
        try (GameClient moon = GameClient.joined(port, "moon", "moon", null);
                GameClient diva = GameClient.joined(port, "moon", "diva", null)) {
            moonToken = moon.token();
            divaToken = diva.token();
            Demo.start(moon, diva, "diva");
            for (int i = 0; i < HALF; i++) {
                Demo.round(moon, diva, i);
            }
            child.kill();
        }

        child = child(db);
        port = child.port();
        try (GameClient moon = GameClient.joined(port, "moon", "moon", moonToken);
                GameClient diva = GameClient.joined(port, "moon", "diva", divaToken)) {
            assertThat(moon.token()).isEqualTo(moonToken);
            assertThat(diva.token()).isEqualTo(divaToken);
            JsonNode moonView = moon.joinReply.get("response").get("view");
            JsonNode divaView = diva.joinReply.get("response").get("view");
            assertThat(moonView.get("role").asText()).isEqualTo("player1");
            assertThat(divaView.get("role").asText()).isEqualTo("player2");
            for (JsonNode view : List.of(moonView, divaView)) {
                assertThat(view.get("started").asBoolean()).isTrue();
                assertThat(view.get("state").asText()).isEqualTo("player1_turn");
                assertThat(view.get("players")).isEqualTo(json("{'player1':'moon','player2':'diva'}"));
                assertThat(view.get("islands_set")).isEqualTo(json("{'player1':true,'player2':true}"));
                assertThat(view.get("board").size()).as("islands on the board").isEqualTo(5);
                assertThat(view.get("winner").isNull()).isTrue();
            }
            assertThat(moonView.get("guesses").get("hits").size()).isEqualTo(HALF);
            assertThat(moonView.get("guesses").get("misses").size()).isZero();
            assertThat(moonView.get("opponent_guesses").get("misses").size()).isEqualTo(HALF);
            assertThat(divaView.get("guesses").get("misses").size()).isEqualTo(HALF);
            assertThat(divaView.get("opponent_guesses").get("hits").size()).isEqualTo(HALF);
            assertThat(divaView.get("opponent_guesses").get("hits")).contains(json("{'row':1,'col':1}"), json("{'row':3,'col':7}"));

            for (int i = HALF; i < Demo.CELLS.size(); i++) {
                Demo.round(moon, diva, i);
            }
            assertThat(diva.view().get("winner").asText()).isEqualTo("player1");
            assertThat(moon.view().get("state").asText()).isEqualTo("game_over");
        }
    }
}
