package io.islands.server.phoenix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Connection-level behaviour: protocol version, idle drop, disconnect, stop, static files. */
class ConnectionTest {

    @Test
    void otherProtocolVersions_areClosedWithAClearReason() throws Exception {
        try (TestServer ts = new TestServer();
             WsClient v1 = WsClient.connect(ts.server.port(), "vsn=1.0.0");
             WsClient none = WsClient.connect(ts.server.port(), null)) {
            assertThat(v1.awaitClose()).isEqualTo(
                    new WsClient.Close(1008, "unsupported vsn=1.0.0; this server speaks vsn=2.0.0 (V2 JSON)"));
            assertThat(none.awaitClose().reason()).startsWith("unsupported vsn=none");
        }
    }

    @Test
    void socketWithoutInboundFrames_isDroppedAfterTheIdleTime() throws Exception {
        try (TestServer ts = new TestServer(b -> b.idleTimeout(Duration.ofMillis(400)));
             WsClient c = ts.connect()) {
            long start = System.nanoTime();
            c.join("echo:idle", Map.of());
            c.next();
            assertThat(c.awaitClose()).isEqualTo(new WsClient.Close(1001, "idle timeout"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            assertThat(ts.nextEvent("echo:idle")).isEqualTo("join echo:idle");
            assertThat(ts.nextEvent("echo:idle")).isEqualTo("terminate echo:idle {shutdown, idle_timeout}");
        }
    }

    @Test
    void clientDisconnect_stopsItsChannels() throws Exception {
        try (TestServer ts = new TestServer()) {
            WsClient c = ts.connect();
            c.join("echo:bye", Map.of());
            c.next();
            c.close();
            assertThat(ts.nextEvent("echo:bye")).isEqualTo("join echo:bye");
            assertThat(ts.nextEvent("echo:bye")).isEqualTo("terminate echo:bye {shutdown, closed}");
            await().until(() -> ts.server.subscriptions() == 0);
        }
    }

    @Test
    void stop_closesSocketsWith1001_andRunsTerminate() throws Exception {
        TestServer ts = new TestServer();
        try (WsClient c = ts.connect()) {
            c.join("echo:stop", Map.of());
            c.next();
            ts.server.stop();
            assertThat(c.awaitClose()).isEqualTo(new WsClient.Close(1001, "server shutting down"));
            assertThat(ts.nextEvent("echo:stop")).isEqualTo("join echo:stop");
            assertThat(ts.nextEvent("echo:stop")).isEqualTo("terminate echo:stop {shutdown, server_stop}");
            ts.server.stop(); // idempotent
        }
    }

    /**
     * Regression (issue 17, a node's planned stop): the socket closed only after each of its
     * channels had stopped, so a channel waiting for a slow game call kept its client on a socket
     * that answered nothing (a second and more during a cluster's hand-off) instead of letting it
     * reconnect to another node. Now it closes once {@link SocketProcess#DRAIN} has passed.
     */
    @Test
    void stop_closesTheSocketAtOnce_whileAChannelIsStillBusy() throws Exception {
        EchoChannel.HOLD = new java.util.concurrent.CompletableFuture<>();
        TestServer ts = new TestServer();
        try (WsClient c = ts.connect()) {
            String joinRef = c.join("echo:busy", Map.of());
            c.next();
            c.send(joinRef, "echo:busy", "hold", Map.of());
            Thread stopping = Thread.ofVirtual().start(ts.server::stop);
            await().atMost(Duration.ofSeconds(2)).until(c::isClosed); // the channel stops only after 5 s
            assertThat(c.awaitClose()).isEqualTo(new WsClient.Close(1001, "server shutting down"));
            assertThat(EchoChannel.HOLD.isDone()).isFalse();
            EchoChannel.HOLD.complete(null);
            stopping.join();
            assertThat(ts.nextEvent("echo:busy")).isEqualTo("join echo:busy");
            assertThat(ts.nextEvent("echo:busy")).isEqualTo("terminate echo:busy {shutdown, server_stop}");
        }
    }

    /**
     * A server stop answers the push a channel is handling before the socket closes (issue 17: a
     * move forwarded to the game's new node during a cluster's hand-off). Before, the socket closed
     * first, so the answer was lost and the client learnt the move's outcome only by sending it
     * again after a reconnect. The push is let go only once the stop has reached its channel.
     */
    @Test
    void stop_answersThePushInHandBeforeItCloses() throws Exception {
        EchoChannel.HOLD = new java.util.concurrent.CompletableFuture<>();
        EchoChannel.HOLDING = null;
        TestServer ts = new TestServer();
        try (WsClient c = ts.connect()) {
            String joinRef = c.join("echo:hand", Map.of());
            c.next();
            String ref = c.send(joinRef, "echo:hand", "hold", Map.of());
            await().atMost(Duration.ofSeconds(5)).until(() -> EchoChannel.HOLDING != null);
            Thread stopping = Thread.ofVirtual().start(ts.server::stop);
            await().atMost(Duration.ofSeconds(5)).until(() -> io.islands.runtime.Proc.mailboxSize(EchoChannel.HOLDING) > 0);
            EchoChannel.HOLD.complete(null); // the move's answer comes while the server stops
            assertThat(c.replyTo(ref).get("status").asText()).isEqualTo("ok");
            assertThat(c.awaitClose()).isEqualTo(new WsClient.Close(1001, "server shutting down"));
            stopping.join();
            assertThat(ts.nextEvent("echo:hand")).isEqualTo("join echo:hand");
            assertThat(ts.nextEvent("echo:hand")).isEqualTo("terminate echo:hand {shutdown, server_stop}");
        }
    }

    /**
     * A stop with a close spread (a cluster node's, {@link PhoenixServer.Builder#closeSpread})
     * closes the sockets one after another: until its turn a socket answers as before, and an
     * upgrade is refused with 503 (a load balancer tries another node). Issue 17: a stopping
     * node's players all rejoined the survivors at once, while those took its games over.
     */
    @Test
    void stopWithASpread_closesTheSocketsOneAfterAnother_servingUntilThen_andRefusesNewOnes() throws Exception {
        TestServer ts = new TestServer(b -> b.closeSpread(Duration.ofSeconds(4)));
        java.util.List<WsClient> clients = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                WsClient c = ts.connect();
                clients.add(c);
                c.join("echo:spread" + i, Map.of());
                c.next();
            }
            Thread stopping = Thread.ofVirtual().start(ts.server::stop);
            // 4 sockets over 4 s: one closes about every second
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                    .until(() -> clients.stream().anyMatch(WsClient::isClosed));
            java.util.List<WsClient> open = clients.stream().filter(c -> !c.isClosed()).toList();
            assertThat(open).hasSize(3);
            JsonNode beat = open.getFirst().heartbeat();
            assertThat(beat.get(3).asText()).isEqualTo("phx_reply");
            assertThat(beat.get(4).get("status").asText()).isEqualTo("ok");
            String upgrade = rawRequest(ts.server.port(), "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
            assertThat(upgrade).startsWith("HTTP/1.1 503 ");
            stopping.join();
            for (WsClient c : clients) {
                assertThat(c.awaitClose()).isEqualTo(new WsClient.Close(1001, "server shutting down"));
            }
        } finally {
            clients.forEach(WsClient::close);
            ts.server.stop();
        }
    }

    @Test
    void closeSpread_outOfRange_isRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PhoenixServer.builder().closeSpread(Duration.ofSeconds(6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("closeSpread");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PhoenixServer.builder().closeSpread(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void staticFiles_areServedAtTheRoot() throws Exception {
        try (TestServer ts = new TestServer(); HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ts.server.port() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("islands test page");
        }
    }

    /**
     * Issue 18's heap per player: the upgrade was a Javalin ws route, whose context asked the
     * servlet request for its HTTP session, so every WebSocket made one (kept in the session cache,
     * a {@code JSESSIONID} cookie on the 101 response). The socket route makes none.
     */
    @Test
    void theUpgradeMakesNoHttpSession_andAPlainRequestIsRefused() throws Exception {
        try (TestServer ts = new TestServer()) {
            String upgrade = rawRequest(ts.server.port(), "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
            assertThat(upgrade).startsWith("HTTP/1.1 101 ").doesNotContainIgnoringCase("Set-Cookie");
            assertThat(rawRequest(ts.server.port(), "")).startsWith("HTTP/1.1 400 ");
        }
    }

    /** @return the response's status line and headers to a GET of the socket's path with {@code headers} */
    private static String rawRequest(int port, String headers) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write(("GET /socket/websocket?vsn=2.0.0 HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + headers + "\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            StringBuilder head = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.append(line).append('\n');
            }
            return head.toString();
        }
    }
}
