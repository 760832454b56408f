package io.islands.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the cluster players' socket tells a hung node from a slow one: a node that answers nothing,
 * not even a heartbeat, ends a watched wait as {@link PhoenixSocket.NodeSilentException}; a node
 * that answers heartbeats but not the push ends it only at the answer's bound, as a plain timeout;
 * an unwatched wait (a join's reply) is never taken for a hang. The node is a bare WebSocket
 * server on loopback that completes the handshake and then stays silent or answers each frame
 * with one frame (a stand-in for a stopped JVM and for a socket process whose channel is busy).
 */
class PhoenixSocketTest {
    private static final Duration SILENCE = Duration.ofMillis(300);
    private FakeNode node;

    @AfterEach
    void close() throws IOException {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aNodeThatAnswersNothingNotEvenTheHeartbeatIsTakenAsHung() throws Exception {
        node = new FakeNode(false);
        try (HttpClient http = HttpClient.newHttpClient(); PhoenixSocket s = PhoenixSocket.connect(http, node.port(), Duration.ofSeconds(5))) {
            s.send("1", "game:moon", "view", Map.of());
            assertThatThrownBy(() -> s.await(f -> false, Duration.ofSeconds(30), SILENCE))
                    .isInstanceOf(PhoenixSocket.NodeSilentException.class).hasMessageContaining("heartbeat");
            assertThat(node.frames.get()).as("the push and at least one heartbeat reached the node").isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aNodeThatAnswersHeartbeatsIsGivenTheWholeAnswerTime() throws Exception {
        node = new FakeNode(true);
        try (HttpClient http = HttpClient.newHttpClient(); PhoenixSocket s = PhoenixSocket.connect(http, node.port(), Duration.ofSeconds(5))) {
            s.send("1", "game:moon", "view", Map.of());
            Duration answer = SILENCE.multipliedBy(5);
            assertThatThrownBy(() -> s.await(f -> false, answer, SILENCE))
                    .isInstanceOf(IOException.class).isNotInstanceOf(PhoenixSocket.NodeSilentException.class)
                    .hasMessageContaining("no answer within " + answer.toMillis() + " ms");
            assertThat(node.frames.get()).as("heartbeats were sent while it waited").isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void anUnwatchedWaitIsNeverTakenForAHang() throws Exception {
        node = new FakeNode(false);
        try (HttpClient http = HttpClient.newHttpClient(); PhoenixSocket s = PhoenixSocket.connect(http, node.port(), Duration.ofSeconds(5))) {
            s.send(null, "game:moon", "phx_join", Map.of("screen_name", "moon"));
            Duration answer = SILENCE.multipliedBy(3);
            assertThatThrownBy(() -> s.await(f -> false, answer))
                    .isInstanceOf(IOException.class).isNotInstanceOf(PhoenixSocket.NodeSilentException.class)
                    .hasMessageContaining("no answer within");
            assertThat(node.frames.get()).as("no heartbeat: only the join").isEqualTo(1);
        }
    }

    /** One WebSocket connection on loopback: the handshake, then silence or one reply frame per frame received. */
    private static final class FakeNode implements AutoCloseable {
        private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
        private final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final AtomicInteger frames = new AtomicInteger();
        private final boolean answers;
        private final Thread thread;

        FakeNode(boolean answers) throws IOException {
            this.answers = answers;
            thread = Thread.ofPlatform().daemon().name("fake-node").start(this::serve);
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            try (Socket c = server.accept()) {
                InputStream in = c.getInputStream();
                OutputStream out = c.getOutputStream();
                Matcher key = Pattern.compile("(?i)Sec-WebSocket-Key:\\s*(\\S+)").matcher(headers(in));
                if (!key.find()) {
                    return;
                }
                String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                        .digest((key.group(1) + GUID).getBytes(StandardCharsets.US_ASCII)));
                out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                byte[] reply = "[null,\"0\",\"phoenix\",\"phx_reply\",{\"status\":\"ok\",\"response\":{}}]"
                        .getBytes(StandardCharsets.UTF_8);
                for (int n = 0; n < 10_000 && skipFrame(in); n++) {
                    frames.incrementAndGet();
                    if (answers) {
                        out.write(new byte[] {(byte) 0x81, (byte) reply.length});
                        out.write(reply);
                        out.flush();
                    }
                }
            } catch (Exception e) {
                // the test closed the server, or the client went away
            }
        }

        /** @return the request's header block */
        private static String headers(InputStream in) throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int b; sb.length() < 8192 && (b = in.read()) >= 0; ) {
                sb.append((char) b);
                if (sb.toString().endsWith("\r\n\r\n")) {
                    break;
                }
            }
            return sb.toString();
        }

        /** Reads one client frame (masked, payload under 64 KiB). @return false at the end of the stream */
        private static boolean skipFrame(InputStream in) throws IOException {
            int b0 = in.read();
            int b1 = in.read();
            if (b0 < 0 || b1 < 0) {
                return false;
            }
            long length = b1 & 0x7f;
            if (length == 126) {
                length = (in.read() << 8) | in.read();
            } else if (length == 127) {
                return false; // not sent by these tests
            }
            long skip = length + ((b1 & 0x80) != 0 ? 4 : 0);
            return in.readNBytes((int) skip).length == skip;
        }

        @Override
        public void close() throws IOException {
            server.close();
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
