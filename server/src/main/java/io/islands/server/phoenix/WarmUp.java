package io.islands.server.phoenix;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * WebSocket connections from the server to its own port on loopback, each a heartbeat, a join
 * and a leave of one topic, each answered (the join may be refused: its code ran all the same),
 * then a normal close: what a player's socket does, run before the server says it is ready
 * ({@link PhoenixServer#warmUp}). A JVM runs code it never ran
 * before slowly (its classes are loaded, verified and initialized, its methods interpreted), and
 * the first players to reach a server that just started paid for it: in a cluster, those a
 * stopping node sends to it, whose WebSocket upgrade took 160–300 ms on a node started 3–5 s
 * before against 5–40 ms on one that had served a while (docs/cluster.md).
 *
 * <p>Each step waits at most {@link #STEP}. Called on one thread; holds nothing between calls.
 */
final class WarmUp {
    /** Addresses that mean "every interface". */
    private static final Set<String> ANY = Set.of("", "0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0");
    /** The longest wait for one step (the connect, a reply, the close). */
    static final Duration STEP = Duration.ofSeconds(5);

    /**
     * What was done.
     *
     * @param connections how many connections completed
     * @param firstMillis the first one's time, connect to close
     * @param lastMillis  the last one's time
     * @param failure     why it stopped early, or null
     */
    record WarmedUp(int connections, long firstMillis, long lastMillis, String failure) {}

    private WarmUp() {}

    /**
     * @param host the address the server listens on; one that means every interface is reached on loopback
     * @return what was done: {@code connections} connections, or fewer and why
     */
    static WarmedUp run(String host, int port, String topic, Map<String, Object> joinParams, int connections) {
        URI uri;
        try {
            uri = new URI("ws", null, ANY.contains(host) ? "127.0.0.1" : host, port, "/socket/websocket", "vsn=2.0.0", null);
        } catch (URISyntaxException e) {
            return new WarmedUp(0, 0, 0, e.toString());
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(STEP).build();
        int done = 0;
        long first = 0;
        long last = 0;
        try {
            for (int i = 0; i < connections; i++) {
                long t0 = System.nanoTime();
                once(http, uri, topic, joinParams);
                last = (System.nanoTime() - t0) / 1_000_000;
                first = i == 0 ? last : first;
                done++;
            }
            return new WarmedUp(done, first, last, null);
        } catch (ExecutionException e) {
            return new WarmedUp(done, first, last, String.valueOf(e.getCause()));
        } catch (TimeoutException | RuntimeException e) {
            return new WarmedUp(done, first, last, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new WarmedUp(done, first, last, "interrupted");
        } finally {
            http.shutdownNow();
        }
    }

    private static void once(HttpClient http, URI uri, String topic, Map<String, Object> joinParams)
            throws ExecutionException, TimeoutException, InterruptedException {
        LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket ws = http.newWebSocketBuilder().connectTimeout(STEP).buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean lastPart) {
                text.append(data);
                if (lastPart) {
                    frames.add(text.toString());
                    text.setLength(0);
                }
                socket.request(1);
                return null;
            }
        }).get(STEP.toMillis(), TimeUnit.MILLISECONDS);
        try {
            exchange(ws, frames, null, "1", Frame.PHOENIX_TOPIC, Frame.HEARTBEAT, null, true);
            exchange(ws, frames, "2", "2", topic, Frame.JOIN, joinParams, false);
            exchange(ws, frames, "2", "3", topic, Frame.LEAVE, null, true);
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(STEP.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Sends the frame and waits for the reply with its {@code ref} (the topic's pushes are skipped).
     *
     * @param mustBeOk whether a reply that says error ends the warm-up
     * @throws TimeoutException if none comes within {@link #STEP}, or it says error and must not
     */
    private static void exchange(WebSocket ws, LinkedBlockingQueue<String> frames, String joinRef, String ref,
            String topic, String event, Object payload, boolean mustBeOk)
            throws ExecutionException, TimeoutException, InterruptedException {
        String text = Frame.encode(joinRef, ref, topic, event, payload);
        ws.sendText(text, true).get(STEP.toMillis(), TimeUnit.MILLISECONDS);
        long deadline = System.nanoTime() + STEP.toNanos();
        for (;;) {
            String in = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (in == null) {
                throw new TimeoutException("no reply to " + text);
            }
            if (FrameDecoder.decode(in, Integer.MAX_VALUE) instanceof FrameDecoder.Ok(Frame f)
                    && Frame.REPLY.equals(f.event()) && ref.equals(f.ref())) {
                if (mustBeOk && !"ok".equals(f.payload().path("status").asText())) {
                    throw new TimeoutException("refused: " + in);
                }
                return;
            }
        }
    }
}
