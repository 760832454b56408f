package io.islands.server.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.islands.server.phoenix.NodeJs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real phoenix JS client (npm phoenix 1.8.16 on ws, pinned in src/test/js) plays a whole game
 * to player 1's win against this server (src/test/js/full-game.js). Skipped when node or npm is
 * not installed; fails when they are and anything goes wrong (npm ci included).
 */
class JsClientGameTest {
    @RegisterExtension
    static final MemoryServer server = new MemoryServer();
    private static final Path WORK = Path.of("target/full-game-js");

    @Test
    void phoenixJsClient_playsAWholeGameToAWin() throws Exception {
        assumeTrue(NodeJs.available(),
                "node and npm are not both on the PATH: skipping the phoenix JS client game test");
        NodeJs.prepare(WORK, "full-game.js", "game-steps.js");

        String game = server.newGameName();
        NodeJs.Result node = NodeJs.run(WORK, 30, "node", "full-game.js", "ws://127.0.0.1:" + server.port() + "/socket", game);
        assertThat(node.exit()).as("node full-game.js:%n%s", node.output()).isZero();
        assertThat(node.output()).as("node full-game.js said").contains(
                "{\"step\":\"joined\",\"data\":{\"player\":\"player1\",\"role\":\"player1\"}}",
                "{\"step\":\"player_added\",\"data\":{\"message\":\"New player just joined: diva\"}}",
                "{\"step\":\"set_islands\",\"data\":{\"player\":\"player2\",\"islands\":[\"atoll\",\"dot\",\"l_shape\",\"s_shape\",\"square\"]}}",
                "{\"step\":\"impersonation\",\"data\":{\"reason\":\"unauthorized\"}}",
                "{\"step\":\"won\",\"data\":{\"player\":\"player1\",\"row\":6,\"col\":6,\"result\":{\"hit\":true,\"island\":\"square\",\"win\":\"win\"}}}");
    }
}
