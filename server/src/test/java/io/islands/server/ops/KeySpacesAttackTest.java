package io.islands.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.islands.engine.game.GameState;
import io.islands.runtime.checkpoint.Saved;
import io.islands.server.IslandsServer;
import io.islands.server.ServerConfig;
import io.islands.server.game.GameStateCodec;
import io.islands.server.phoenix.WsClient;
import io.islands.storage.CloseableStateStore;
import io.islands.storage.StateStores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks of issue 14 on the key spaces, against a real server on SQLite: a client cannot
 * write the readiness probe's key, a row left there by an older version does not break
 * {@code /ready}, {@code /ready} never shows exception text, and the admin API refuses names
 * outside the game space.
 */
class KeySpacesAttackTest {
    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(IslandsServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aGameNamedAfterTheProbeKeyCannotBreakReady() throws Exception {
        String url = "sqlite:" + dir.resolve("ready.db");
        // what the old server let a client do: a game saved under the probe's key
        try (CloseableStateStore<GameState> raw = StateStores.open(url, GameStateCodec.INSTANCE, 1)) {
            raw.save("islands:ready-probe", new Saved<>(1, GameState.fresh("islands:ready-probe")));
        }
        try (IslandsServer server = IslandsServer.start(ServerConfig.loopback(url))) {
            try (WsClient ws = WsClient.connect(server.port())) {
                String ref = ws.join("game:islands:ready-probe", Map.of("screen_name", "islands:ready-probe"));
                assertThat(ws.next().at("/4/status").asText()).isEqualTo("error");
                ws.send(ref, "game:islands:ready-probe", "new_game", Map.of());
            }
            HttpResponse<String> ready = get(server, "/ready");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("{\"status\":\"ready\",\"checks\":{\"store\":{\"status\":\"up\"},"
                    + "\"game_supervisor\":{\"status\":\"up\"}}}");
        }
    }

    @Test
    void adminApiRefusesNamesOutsideTheGameSpace() throws Exception {
        try (IslandsServer server = IslandsServer.start(ServerConfig.loopback("sqlite:" + dir.resolve("admin.db")))) {
            for (String path : new String[] {"/api/games/seats:moon/stop", "/api/games/islands:ready-probe/release"}) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + server.port() + path))
                        .header("Authorization", "Bearer " + server.adminToken())
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(400);
                assertThat(r.body()).contains("not a game name");
            }
        }
    }
}
