package io.islands.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.islands.server.IslandsServer;
import io.islands.server.phoenix.PhoenixServer;
import io.islands.server.phoenix.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented nginx configuration (docs/nginx/islands.conf, run by Debian's nginx) in front of
 * two servers: WebSocket upgrades and plain requests pass, a browser's Origin is accepted through
 * the proxy, a socket on a node that stops is closed, and every new connection then reaches the
 * node that is left. Skipped where nginx is not installed; .ci/run installs it.
 */
class NginxProxyTest {
    @TempDir
    Path work;

    @Test
    void documentedConfig_rendersOnlyTheNodesAndTheListenLine() throws Exception {
        String documented = java.nio.file.Files.readString(NginxProxy.CONF);
        String rendered = NginxProxy.render(documented, 9999, List.of(5001, 5002, 5003));
        assertThat(rendered).contains("listen 127.0.0.1:9999;", "server 127.0.0.1:5003 max_fails=1 fail_timeout=2s;")
                .doesNotContain("4001", "8080");
        assertThat(rendered.lines().count()).isEqualTo(documented.lines().count() + 1);
    }

    @Test
    void socketsPassThroughNginx_andMoveToTheNodeLeftWhenOneStops() throws Exception {
        assumeTrue(NginxProxy.binary().isPresent(), "nginx is not installed: skipping (.ci/run installs it)");
        IslandsServer a = IslandsServer.start("127.0.0.1", 0, "memory:");
        IslandsServer b = IslandsServer.start("127.0.0.1", 0, "memory:");
        List<WsClient> sockets = new ArrayList<>();
        try (NginxProxy nginx = NginxProxy.start(work, List.of(a.port(), b.port()))) {
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginx.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as("GET /health through nginx: %s", health.body()).isEqualTo(200);

            String origin = "http://127.0.0.1:" + nginx.port(); // the page as a browser loads it through nginx
            for (int i = 0; i < 4; i++) {
                WsClient ws = WsClient.connectWithHeaders(nginx.port(), Map.of("Origin", origin));
                assertThat(ws.heartbeat().get(4).get("status").asText()).isEqualTo("ok");
                sockets.add(ws);
            }

            a.close();
            a = null;
            int closed = 0;
            for (WsClient ws : sockets) {
                if (!pingable(ws)) {
                    closed++;
                }
            }
            assertThat(closed).as("sockets nginx had sent to the stopped node (round robin over two)").isEqualTo(2);

            for (int i = 0; i < 6; i++) { // each new socket reaches the node left, none is refused
                try (WsClient ws = WsClient.connectWithHeaders(nginx.port(), Map.of("Origin", origin))) {
                    assertThat(ws.heartbeat().get(4).get("status").asText()).as("socket %d after the stop: %s", i, nginx.errorLog())
                            .isEqualTo("ok");
                }
            }
        } finally {
            sockets.forEach(WsClient::close);
            if (a != null) {
                a.close();
            }
            b.close();
        }
    }

    /**
     * A cluster node that stops closes its sockets over a while ({@code PhoenixServer.Builder
     * #closeSpread}) and refuses upgrades with 503 meanwhile: the documented configuration sends
     * each new connection on to the other node ({@code proxy_next_upstream ... http_503}), so no
     * player is refused while a node stops.
     */
    @Test
    void upgradesRefusedByAStoppingNode_goToTheOtherNode() throws Exception {
        assumeTrue(NginxProxy.binary().isPresent(), "nginx is not installed: skipping (.ci/run installs it)");
        PhoenixServer a = PhoenixServer.builder().port(0).closeSpread(Duration.ofSeconds(5)).start();
        PhoenixServer b = PhoenixServer.builder().port(0).start();
        Thread stopping = null;
        try (NginxProxy nginx = NginxProxy.start(work, List.of(a.port(), b.port()));
             WsClient onA = WsClient.connect(a.port())) {
            stopping = Thread.ofVirtual().start(a::stop); // onA is closed 5 s from now
            await().atMost(Duration.ofSeconds(4)).until(() -> upgradeStatus(a.port()) == 503);
            String origin = "http://127.0.0.1:" + nginx.port();
            for (int i = 0; i < 6; i++) { // round robin over two: half of them are sent to a first
                try (WsClient ws = WsClient.connectWithHeaders(nginx.port(), Map.of("Origin", origin))) {
                    assertThat(ws.heartbeat().get(4).get("status").asText()).as("socket %d: %s", i, nginx.errorLog())
                            .isEqualTo("ok");
                }
            }
            assertThat(onA.isClosed()).as("a was still stopping").isFalse();
        } finally {
            a.stop();
            if (stopping != null) {
                stopping.join();
            }
            b.stop();
        }
    }

    /** @return the HTTP status of a WebSocket upgrade straight to {@code port} (101 if it opened) */
    private static int upgradeStatus(int port) {
        try (WsClient ws = WsClient.connect(port)) {
            return 101;
        } catch (Exception e) {
            return e.getCause() instanceof java.net.http.WebSocketHandshakeException h ? h.getResponse().statusCode() : -1;
        }
    }

    /** Whether the socket still answers a heartbeat (false: the proxy closed it when its node stopped). */
    private static boolean pingable(WsClient ws) {
        try {
            return !ws.isClosed() && ws.heartbeat().get(4).get("status").asText().equals("ok");
        } catch (Exception | AssertionError e) { // closed while sending, or no answer within 5 s
            return false;
        }
    }
}
