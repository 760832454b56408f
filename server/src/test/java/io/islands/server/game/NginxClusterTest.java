package io.islands.server.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.islands.server.cluster.ClusterPostgres;
import io.islands.server.cluster.NginxProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One address for players: two cluster nodes (real JVMs, {@code serve --cluster}, one real
 * PostgreSQL) behind Debian's nginx running the configuration docs/cluster.md shows
 * (docs/nginx/islands.conf). Both players connect to nginx only; the node that owns their game
 * is SIGKILLed mid-game; they reconnect to the same address, rejoin with their seat tokens on
 * the node left, and finish the game with every acknowledged move there and none twice.
 * Skipped where nginx is not installed; .ci/run installs it.
 */
class NginxClusterTest {
    private static final int HALF = Demo.CELLS.size() / 2;

    @TempDir
    Path work;

    @Test
    void playersBehindNginx_rejoinThroughTheSameAddress_afterTheOwnerIsKilled() throws Exception {
        assumeTrue(NginxProxy.binary().isPresent(), "nginx is not installed: skipping (.ci/run installs it)");
        String store = ClusterPostgres.freshJdbcUrl();
        try (ServerJvm a = ServerJvm.clusterNode("a", store); ServerJvm b = ServerJvm.clusterNode("b", store);
                NginxProxy nginx = NginxProxy.start(work, List.of(a.port(), b.port()))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> a.get("/api/nodes").contains("\"view\":[\"a\",\"b\"]"));
            String moonToken;
            String divaToken;
            ServerJvm owner;
            try (GameClient moon = GameClient.joined(nginx.port(), "tide", "tide", null);
                    GameClient diva = GameClient.joined(nginx.port(), "tide", "diva", null)) {
                Demo.start(moon, diva, "diva");
                for (int i = 0; i < HALF; i++) {
                    Demo.round(moon, diva, i);
                }
                moonToken = moon.token();
                divaToken = diva.token();
                owner = a.get("/api/games/tide").contains("\"node\":\"a\"") ? a : b;
                owner.kill();
            }
            // the players come back to the one address: nginx skips the dead node
            try (GameClient moon = rejoin(nginx, "tide", moonToken); GameClient diva = rejoin(nginx, "diva", divaToken)) {
                assertThat(moon.token()).isEqualTo(moonToken);
                assertThat(diva.token()).isEqualTo(divaToken);
                List<String> refusals = ClusterGameTest.resumeAfterOwnerStopped(moon, diva, "SIGKILL behind nginx");
                assertThat(refusals).as("at most the move in flight when the owner died").hasSizeLessThanOrEqualTo(1);
                ServerJvm left = owner == a ? b : a;
                assertThat(left.get("/api/games/tide")).contains("\"node\":\"" + (owner == a ? "b" : "a") + "\"");
            }
            assertThat(nginx.errorLog()).as("nginx logged the dead node, nothing worse")
                    .doesNotContain("[emerg]", "[alert]");
        }
    }

    /**
     * Joins game "tide" through nginx with a seat token, again until the join is accepted (a join
     * in the moment after the kill may be refused while the dead owner's lock is released).
     */
    private static GameClient rejoin(NginxProxy nginx, String name, String token) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            GameClient c = GameClient.join(nginx.port(), "tide", name, token);
            if (c.joinReply.get("status").asText().equals("ok")) {
                return c;
            }
            c.close();
            return null;
        }, c -> c != null);
    }
}
