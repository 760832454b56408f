package io.islands.server.lobby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.islands.server.IslandsServer;
import io.islands.server.phoenix.NodeJs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lobby, quick match and rematch through the real phoenix JS client (npm phoenix 1.8.16 on
 * ws, src/test/js/lobby-match.js) against the whole server: an open game is listed with its
 * creator and age and unlisted once its second seat is taken, an invitation game never is; two
 * players asking for a quick match get one game (the first asker player 1), a cancelled one is
 * never matched, a bad name is refused; after a win, a rematch asked by both starts a game named
 * after the old player 2 with the roles swapped. Skipped when node or npm is not installed.
 */
class LobbyJsClientTest {
    private static final Path WORK = Path.of("target/lobby-match-js");
    private static IslandsServer server;

    @BeforeAll
    static void start() {
        server = IslandsServer.start("127.0.0.1", 0, "memory:");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void lobbyQuickMatchAndRematch_throughThePhoenixJsClient() throws Exception {
        assumeTrue(NodeJs.available(), "node and npm are not both on the PATH: skipping the lobby's JS client test");
        NodeJs.prepare(WORK, "lobby-match.js", "game-steps.js");
        NodeJs.Result node = NodeJs.run(WORK, 60, "node", "lobby-match.js", "ws://127.0.0.1:" + server.port() + "/socket", "x");
        assertThat(node.exit()).as("node lobby-match.js:%n%s", node.output()).isZero();
        assertThat(node.output()).as("node lobby-match.js said").contains(
                "{\"step\":\"lobby_listed\",\"data\":{\"game\":\"openx\",\"creator\":\"openx\",\"aged\":true,\"invited_listed\":false}}",
                "{\"step\":\"lobby_unlisted\",\"data\":{\"game\":\"openx\",\"invited_listed\":false}}",
                "{\"step\":\"bad_name\",\"data\":{\"reason\":\"invalid_name\",\"field\":\"screen_name\",\"rule\":\"1 to 40 letters, digits, _ or -\"}}",
                "{\"step\":\"waiting\",\"data\":{\"status\":\"waiting\"}}",
                "{\"step\":\"already_waiting\",\"data\":{\"reason\":\"already_waiting\"}}",
                "{\"step\":\"cancelled\",\"data\":{\"status\":\"cancelled\"}}",
                "{\"step\":\"matched\",\"data\":{\"game\":\"firstx\",\"first\":\"player1\",\"second\":\"player2\",\"opponents\":[\"secondx\",\"firstx\"],\"tokens\":true}}",
                "{\"step\":\"alone\",\"data\":{\"status\":\"waiting\"}}",
                "{\"step\":\"seated\",\"data\":{\"first\":\"player1\",\"second\":\"player2\",\"started\":true,\"players\":{\"player1\":\"firstx\",\"player2\":\"secondx\"}}}",
                "{\"step\":\"offered\",\"data\":{\"status\":\"offered\"}}",
                "{\"step\":\"rematch_offered\",\"data\":{\"player\":\"player2\"}}",
                "{\"step\":\"accepted\",\"data\":{\"status\":\"started\",\"game\":\"secondx\"}}",
                "{\"step\":\"rematch_started\",\"data\":{\"game\":\"secondx\",\"same_game\":true,\"old_player1_now\":\"player2\",\"old_player2_now\":\"player1\",\"opponents\":[\"secondx\",\"firstx\"]}}",
                "{\"step\":\"rematch_seated\",\"data\":{\"host\":\"player1\",\"guest\":\"player2\",\"players\":{\"player1\":\"secondx\",\"player2\":\"firstx\"},\"state\":\"players_set\"}}",
                "{\"step\":\"done\",\"data\":{}}");
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("islands_lobby_matches_total 1.0", "islands_lobby_rematches_total 1.0",
                "islands_lobby_waiting ", "islands_lobby_listed ");
        // the observer shows them in the server's tree
        String supervisors = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/supervisors"))
                .header("Authorization", "Bearer " + server.adminToken()).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(supervisors).contains("\"play\"", "\"lobby\"", "\"matchmaker\"");
    }
}
