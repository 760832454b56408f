package io.islands.server.game;

import static io.islands.server.phoenix.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.islands.engine.game.IslandType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /game.json}: the island shapes and rules states of the engine, as the page reads them. */
class GameDefinitionTest {
    @RegisterExtension
    static final MemoryServer server = new MemoryServer();

    @Test
    void servesTheEnginesShapesAndStates() throws Exception {
        HttpResponse<String> r;
        try (HttpClient http = HttpClient.newHttpClient()) {
            r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/game.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = new ObjectMapper().readTree(r.body());
        assertThat(body.get("size").asInt()).isEqualTo(10);
        // the book's shapes (spec §2.2), in the engine's order
        assertThat(body.get("islands")).isEqualTo(json("{"
                + "'atoll':[[0,0],[0,1],[1,1],[2,0],[2,1]],"
                + "'dot':[[0,0]],"
                + "'l_shape':[[0,0],[1,0],[2,0],[2,1]],"
                + "'s_shape':[[0,1],[0,2],[1,0],[1,1]],"
                + "'square':[[0,0],[0,1],[1,0],[1,1]]}"));
        assertThat(body.get("islands").size()).isEqualTo(IslandType.values().length);
        assertThat(body.get("states")).isEqualTo(json("{"
                + "'initialized':{'turn':null},'players_set':{'turn':null},"
                + "'player1_turn':{'turn':'player1'},'player2_turn':{'turn':'player2'},"
                + "'game_over':{'turn':null}}"));
    }
}
