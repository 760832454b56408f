package io.islands.server.phoenix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bench's echo ({@link PhoenixServer.Builder#echo}): the socket's transport and limits, one fixed answer per message. */
class EchoRouteTest {

    @Test
    void everyTextMessage_isAnsweredWithTheFixedFrame_andTheFrameLimitHolds() throws Exception {
        try (TestServer ts = new TestServer(b -> b.maxFrameBytes(1000).echo("/bench/echo", "pong-frame"))) {
            LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + ts.server.port() + "/bench/echo"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            got.add(data.toString());
                            w.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
                            closed.complete(status);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            ws.sendText("one", true).get(5, TimeUnit.SECONDS);
            ws.sendText("two", true).get(5, TimeUnit.SECONDS);
            assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo("pong-frame");
            assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo("pong-frame");
            ws.sendText("x".repeat(2000), true);
            assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
        }
    }

    @Test
    void anEchoCannotTakeTheSocketsPath() {
        assertThatThrownBy(() -> PhoenixServer.builder().echo(WebSocketRoute.PATH, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PhoenixServer.builder().echo("bench", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
