package io.islands.server.phoenix;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test client on the JDK's java.net.http WebSocket: sends V2 frames, queues every text
 * message received, records the close. Refs come from a counter, as in phoenix.js.
 */
public final class WsClient implements AutoCloseable {
    /** Lenient JSON for expectations: single quotes allowed. */
    static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();
    private static final long WAIT_SECONDS = 5;

    public record Close(int code, String reason) {}

    private final HttpClient http = HttpClient.newHttpClient();
    private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    /** The pings sent whose pong has not come yet, oldest first. */
    private final LinkedBlockingQueue<CompletableFuture<String>> pongs = new LinkedBlockingQueue<>();
    private final WebSocket ws;
    private int refs;
    /** While true, the client reads nothing more from the connection (a client that stops reading). */
    private volatile boolean paused;
    private final java.util.concurrent.atomic.AtomicBoolean requestOwed = new java.util.concurrent.atomic.AtomicBoolean();

    private WsClient(int port, String query, java.util.Map<String, String> headers) throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + port + "/socket/websocket" + (query == null ? "" : "?" + query));
        WebSocket.Builder b = http.newWebSocketBuilder();
        headers.forEach(b::header);
        ws = b.buildAsync(uri, new Listener()).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private WsClient(int port, String query) throws Exception {
        this(port, query, java.util.Map.of());
    }

    /** Connects with extra request headers (an {@code Origin}, say). */
    public static WsClient connectWithHeaders(int port, java.util.Map<String, String> headers) throws Exception {
        return new WsClient(port, "vsn=2.0.0", headers);
    }

    /** Stops reading from the connection: the server's writes back up (TCP buffers fill). */
    public void pauseReading() {
        paused = true;
    }

    /** Reads again after {@link #pauseReading()}. */
    public void resumeReading() {
        paused = false;
        if (requestOwed.compareAndSet(true, false)) {
            ws.request(1);
        }
    }

    public static WsClient connect(int port) throws Exception {
        return new WsClient(port, "vsn=2.0.0");
    }

    static WsClient connect(int port, String query) throws Exception {
        return new WsClient(port, query);
    }

    /** @return JSON parsed leniently ('single quotes' allowed) */
    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    String nextRef() {
        return Integer.toString(++refs);
    }

    public void sendRaw(String text) throws Exception {
        ws.sendText(text, true).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Sends a frame that the server may refuse while it is still being written (it closes the
     * connection as soon as it has read past its limit): a write cut short that way is not an
     * error here; what the server did is read from the close.
     */
    void sendRawMayBeCut(String text) throws Exception {
        try {
            sendRaw(text);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof java.io.IOException)) {
                throw e;
            }
        }
    }

    /** Sends one text message as several frames, one per part. */
    void sendInFrames(String... parts) throws Exception {
        for (int i = 0; i < parts.length; i++) {
            ws.sendText(parts[i], i == parts.length - 1).get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Sends a ping. @return its pong's payload as text; fails after 5 s */
    String ping(String payload) throws Exception {
        CompletableFuture<String> pong = new CompletableFuture<>();
        pongs.add(pong);
        ws.sendPing(java.nio.ByteBuffer.wrap(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        return pong.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Sends one binary message as several frames, one per part. */
    void sendBinaryInFrames(byte[]... parts) throws Exception {
        for (int i = 0; i < parts.length; i++) {
            ws.sendBinary(java.nio.ByteBuffer.wrap(parts[i]), i == parts.length - 1).get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    void sendBinary(byte[] bytes) throws Exception {
        ws.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Sends {@code [joinRef, ref, topic, event, payload]} with a fresh ref. @return the ref */
    public String send(String joinRef, String topic, String event, Object payload) throws Exception {
        String ref = nextRef();
        sendRaw(JSON.writeValueAsString(Arrays.asList(joinRef, ref, topic, event, payload)));
        return ref;
    }

    /** Sends a phx_join whose join_ref is its ref. @return the join_ref */
    public String join(String topic, Object payload) throws Exception {
        String ref = nextRef();
        sendRaw(JSON.writeValueAsString(Arrays.asList(ref, ref, topic, "phx_join", payload)));
        return ref;
    }

    /** @return the next frame received, parsed; fails after 5 s */
    public JsonNode next() throws Exception {
        String text = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (text == null) {
            throw new AssertionError("no frame within " + WAIT_SECONDS + " s");
        }
        return JSON.readTree(text);
    }

    /**
     * Sends a heartbeat and returns the next frame: when nothing else was pending, the
     * heartbeat's reply. A barrier: the server has handled every frame sent before it.
     */
    public JsonNode heartbeat() throws Exception {
        send(null, "phoenix", "heartbeat", java.util.Map.of());
        return next();
    }

    /** @return every frame received so far (as text), taken out of the queue */
    public java.util.List<String> drain() {
        java.util.List<String> taken = new java.util.ArrayList<>();
        received.drainTo(taken);
        return taken;
    }

    /** @return whether any frame is queued now (not waiting) */
    public boolean hasPending() {
        return !received.isEmpty();
    }

    /** @return the payload of the reply to {@code ref} ({@code {status, response}}), skipping other frames; fails after 100 */
    public JsonNode replyTo(String ref) throws Exception {
        for (int i = 0; i < 100; i++) {
            JsonNode f = next();
            if ("phx_reply".equals(f.get(3).asText()) && ref.equals(f.get(1).asText())) {
                return f.get(4);
            }
        }
        throw new AssertionError("no reply to " + ref + " in 100 frames");
    }

    /** @return whether the connection is closed (by either side, or failed) */
    public boolean isClosed() {
        return closed.isDone();
    }

    public Close awaitClose() throws Exception {
        return closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Waits for the server's close with an error code (any but 1000 and 1001) while this client
     * may still be writing. Jetty closes the TCP connection as soon as such a close frame is
     * written, without waiting for the client's close (its {@code WebSocketSessionState} calls
     * every code but 1000/1001 abnormal); with the client's frames still unread, the server's
     * TCP stack answers them with a reset, and a client writing at that moment fails on the
     * reset before it has read the frame (seen on fresh-clone CI runs and under CPU load,
     * 2 in 200). So the client sees {@code code} with {@code reason}, or the drop alone (-1):
     * the caller proves why the server closed by its limit counter.
     *
     * @param reason the close reason expected with {@code code}, or null for any (Jetty's own)
     * @return the close seen: {@code code} and {@code reason}, or -1
     */
    Close awaitErrorClose(int code, String reason) throws Exception {
        Close close = awaitClose();
        if (close.code() != -1) {
            org.assertj.core.api.Assertions.assertThat(close.code()).isEqualTo(code);
            if (reason != null) {
                org.assertj.core.api.Assertions.assertThat(close.reason()).isEqualTo(reason);
            }
        }
        return close;
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            closed.completeOnTimeout(null, WAIT_SECONDS, TimeUnit.SECONDS).join();
        }
        http.close();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder parts = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            parts.append(data);
            if (last) {
                received.add(parts.toString());
                parts.setLength(0);
            }
            if (paused) {
                requestOwed.set(true);
                if (!paused && requestOwed.compareAndSet(true, false)) { // resumed meanwhile
                    webSocket.request(1);
                }
            } else {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, java.nio.ByteBuffer message) {
            CompletableFuture<String> pong = pongs.poll();
            if (pong != null) {
                pong.complete(java.nio.charset.StandardCharsets.UTF_8.decode(message).toString());
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Close(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Close(-1, String.valueOf(error)));
        }
    }
}
