package io.islands.bench.chaos;

import io.islands.bench.harness.TextMessages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One blocking Phoenix V2 WebSocket client ({@code java.net.http}) for the cluster chaos: one
 * thread sends and waits for the frame it wants (every wait bounded), skipping the others.
 *
 * <p>Why not the web bench's {@code LoadClient}: that one is callback-driven for throughput (no
 * blocking waits, frames matched as strings, no reconnects); the chaos needs a player that waits
 * for a given reply or broadcast, notices a dead node and rejoins elsewhere with its seat token.
 *
 * <p>A hung node (its process stopped: the TCP connection stays open, nothing answers) is noticed
 * as the page's phoenix client notices it, by its heartbeat, only at a much shorter interval: while
 * a wait given a {@code silence} bound has heard nothing for {@link #HEARTBEAT_AFTER}, it sends a
 * {@code phoenix heartbeat}; when nothing at all comes back within {@code silence} of it, the wait
 * ends with {@link NodeSilentException}. The node's socket process answers heartbeats itself,
 * whatever its channels wait for, so a slow game is not taken for a hung node; but it does not
 * answer them while it waits for a channel's join, so a join's reply is awaited without that bound.
 *
 * <p>Design note: the JDK calls the listener on its own threads, one message at a time; frames
 * go through a {@link LinkedBlockingQueue} to the one thread that owns this client, and the
 * close or error as the {@link #CLOSED} marker; the listener also stamps {@code lastHeard}
 * (volatile). Sends, heartbeats included, are made by the owning thread only, one at a time.
 */
final class PhoenixSocket implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLOSED = "\u0000closed";
    /** Silence (nothing received) during a watched wait after which a heartbeat is sent. */
    static final Duration HEARTBEAT_AFTER = Duration.ofMillis(250);

    /** A watched wait heard nothing, not even its heartbeat's reply, for its {@code silence} bound: the node hangs. */
    static final class NodeSilentException extends IOException {
        NodeSilentException(String message) {
            super(message);
        }
    }

    private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final WebSocket ws;
    private volatile boolean closed;
    /** System.nanoTime when the node closed it (or it failed); 0 while it has not. */
    private volatile long closedAt;
    /** The close code the node sent (1001: going away); -1: none (an error, or not closed). */
    private volatile int closeCode = -1;
    /** System.nanoTime of the last frame received (or of the connect). */
    private volatile long lastHeard = System.nanoTime();
    private int refs;

    private PhoenixSocket(HttpClient http, int port, Duration timeout) throws IOException {
        URI uri = URI.create("ws://127.0.0.1:" + port + "/socket/websocket?vsn=2.0.0");
        try {
            ws = http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(uri, new Listener())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IOException("connect to " + uri + ": " + e, e);
        }
    }

    /** @return a socket connected to the node on {@code port} @throws IOException if it cannot connect in time */
    static PhoenixSocket connect(HttpClient http, int port, Duration timeout) throws IOException {
        return new PhoenixSocket(http, port, timeout);
    }

    boolean closed() {
        return closed;
    }

    /** @return System.nanoTime when the node closed the socket or it failed; 0 if neither happened */
    long closedAt() {
        return closedAt;
    }

    /** @return the close code the node sent; -1 if it sent none (an error, or still open) */
    int closeCode() {
        return closeCode;
    }

    /** Sends {@code [joinRef, ref, topic, event, payload]}. @return the ref @throws IOException if the socket is gone */
    String send(String joinRef, String topic, String event, Object payload) throws IOException {
        String ref = Integer.toString(++refs);
        try {
            ws.sendText(JSON.writeValueAsString(Arrays.asList(joinRef, ref, topic, event, payload)), true)
                    .get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            closed = true;
            throw new IOException("send " + event + ": " + e, e);
        }
        return ref;
    }

    /**
     * Waits for the next frame {@code wanted} accepts, dropping the others; the node may take the
     * whole {@code timeout} (a join's reply: its socket answers no heartbeat meanwhile).
     *
     * @return the frame {@code [joinRef, ref, topic, event, payload]}
     * @throws IOException if the socket closes or nothing wanted comes before {@code timeout}
     */
    JsonNode await(Predicate<JsonNode> wanted, Duration timeout) throws IOException, InterruptedException {
        return await(wanted, timeout, null);
    }

    /**
     * Waits for the next frame {@code wanted} accepts, dropping the others, and watches the node
     * meanwhile: after {@link #HEARTBEAT_AFTER} without any frame it sends a heartbeat, and when
     * nothing comes within {@code silence} of that heartbeat, the node is taken as hung.
     *
     * @param silence null: not watched (as {@link #await(Predicate, Duration)})
     * @return the frame {@code [joinRef, ref, topic, event, payload]}
     * @throws NodeSilentException if the node is taken as hung
     * @throws IOException if the socket closes or nothing wanted comes before {@code timeout}
     */
    JsonNode await(Predicate<JsonNode> wanted, Duration timeout, Duration silence) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long heartbeatAt = 0; // when the unanswered heartbeat was sent; 0: none is
        for (;;) {
            long now = System.nanoTime();
            long left = deadline - now;
            if (left <= 0) {
                throw new IOException("no answer within " + timeout.toMillis() + " ms");
            }
            long slice = left;
            if (silence != null) {
                if (heartbeatAt != 0 && lastHeard - heartbeatAt >= 0) {
                    heartbeatAt = 0; // something came after it: the node is alive
                }
                if (heartbeatAt == 0 && now - lastHeard >= HEARTBEAT_AFTER.toNanos()) {
                    send(null, "phoenix", "heartbeat", java.util.Map.of());
                    heartbeatAt = System.nanoTime();
                } else if (heartbeatAt != 0 && now - heartbeatAt >= silence.toNanos()) {
                    throw new NodeSilentException("nothing, not even a heartbeat's reply, within " + silence.toMillis()
                            + " ms: the node hangs");
                }
                slice = Math.min(left, heartbeatAt == 0 ? Math.max(1_000_000, lastHeard + HEARTBEAT_AFTER.toNanos() - now)
                        : Math.max(1_000_000, heartbeatAt + silence.toNanos() - now));
            }
            String text = frames.poll(slice, TimeUnit.NANOSECONDS);
            if (text == null) {
                continue;
            }
            if (CLOSED.equals(text)) {
                frames.add(CLOSED); // stays closed for later waits
                throw new IOException("socket closed");
            }
            JsonNode f = JSON.readTree(text);
            if (f.isArray() && f.size() == 5 && wanted.test(f)) {
                return f;
            }
        }
    }

    /** @return the payload {@code {"status", "response"}} of the reply to {@code ref} */
    JsonNode reply(String ref, Duration timeout) throws IOException, InterruptedException {
        return await(f -> f.get(3).asText().equals("phx_reply") && ref.equals(f.get(1).asText()), timeout).get(4);
    }

    @Override
    public void close() {
        closed = true;
        ws.abort();
    }

    private final class Listener extends TextMessages {
        @Override
        protected void onMessage(String text) {
            lastHeard = System.nanoTime();
            frames.add(text);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            closedAt = System.nanoTime();
            closed = true;
            frames.add(CLOSED);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closedAt = System.nanoTime();
            closed = true;
            frames.add(CLOSED);
        }
    }
}
