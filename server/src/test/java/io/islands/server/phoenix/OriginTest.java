package io.islands.server.phoenix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The WebSocket upgrade checks Origin against the allow-list (issue 14: any Origin was accepted). */
class OriginTest {
    private static void assertRefused(TestServer ts, String origin) {
        assertThatThrownBy(() -> WsClient.connectWithHeaders(ts.server.port(), Map.of("Origin", origin)).close())
                .as(origin).cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        h -> assertThat(h.getResponse().statusCode()).isEqualTo(403));
    }

    private static void assertAccepted(TestServer ts, Map<String, String> headers) throws Exception {
        try (WsClient c = WsClient.connectWithHeaders(ts.server.port(), headers)) {
            assertThat(c.heartbeat().at("/4/status").asText()).as(headers.toString()).isEqualTo("ok");
        }
    }

    @Test
    void byDefaultOnlyTheServersOwnHostAndLoopbackMayConnect_andNoOriginIsAllowed() throws Exception {
        try (TestServer ts = new TestServer()) {
            int port = ts.server.port();
            assertAccepted(ts, Map.of());
            assertAccepted(ts, Map.of("Origin", "http://127.0.0.1:" + port));
            assertAccepted(ts, Map.of("Origin", "http://localhost:8080"));
            assertAccepted(ts, Map.of("Origin", "http://[::1]:" + port));
            for (String evil : List.of("http://evil.example", "https://127.0.0.1.evil.example", "null", "file://")) {
                assertRefused(ts, evil);
            }
            assertThat(ts.server.limitHits("origin")).isEqualTo(4);
        }
    }

    @Test
    void aConfiguredListReplacesTheDefault() throws Exception {
        try (TestServer ts = new TestServer(b -> b.allowedOrigins(List.of("https://islands.example", "play.example")))) {
            assertAccepted(ts, Map.of("Origin", "https://islands.example"));
            assertAccepted(ts, Map.of("Origin", "http://play.example:8080"));
            assertAccepted(ts, Map.of());
            assertRefused(ts, "http://islands.example");
            assertRefused(ts, "http://127.0.0.1:" + ts.server.port());
        }
        try (TestServer ts = new TestServer(b -> b.allowedOrigins(List.of("*")))) {
            assertAccepted(ts, Map.of("Origin", "http://evil.example"));
        }
    }
}
