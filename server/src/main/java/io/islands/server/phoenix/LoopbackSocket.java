package io.islands.server.phoenix;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A WebSocket of the server to its own port on loopback, speaking the V2 wire protocol as a
 * player's page does: what the server's warm-up uses ({@link PhoenixServer#warmUp}, and the game
 * it plays through its own endpoint before it says it is ready). Not a client library: one
 * thread, one step at a time, every wait at most {@link #STEP}.
 *
 * <p>Design note: the socket's listener (a thread of the {@link HttpClient}) only queues each
 * whole text frame; the calling thread sends, reads the queue and skips the frames it does not
 * wait for. Refs are numbered by this socket, from 1.
 */
public final class LoopbackSocket implements AutoCloseable {
    /** Addresses that mean "every interface". */
    private static final Set<String> ANY = Set.of("", "0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0");
    /** The longest wait for one step (the connect, a reply, the close). */
    public static final Duration STEP = Duration.ofSeconds(5);

    /**
     * A frame the server sent.
     *
     * @param event   {@code phx_reply} for a reply, else the pushed or broadcast event
     * @param payload its payload; a reply's is {@code {"status": ..., "response": ...}}
     */
    public record Answer(String event, JsonNode payload) {
        /** @return whether this is a reply whose status is ok */
        public boolean ok() {
            return Frame.REPLY.equals(event) && "ok".equals(payload.path("status").asText());
        }
    }

    private final WebSocket ws;
    private final LinkedBlockingQueue<String> frames;
    private int refs;

    private LoopbackSocket(WebSocket ws, LinkedBlockingQueue<String> frames) {
        this.ws = ws;
        this.frames = frames;
    }

    /**
     * Opens a socket to {@code host:port} ({@code host} meaning every interface is reached on
     * 127.0.0.1).
     *
     * @throws IOException if it is not open within {@link #STEP}
     */
    public static LoopbackSocket open(HttpClient http, String host, int port) throws IOException, InterruptedException {
        URI uri;
        try {
            uri = new URI("ws", null, ANY.contains(host) ? "127.0.0.1" : host, port, "/socket/websocket", "vsn=2.0.0", null);
        } catch (URISyntaxException e) {
            throw new IOException(e.toString(), e);
        }
        LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        try {
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
            return new LoopbackSocket(ws, frames);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("connect to " + uri + ": " + (e.getCause() != null ? e.getCause() : e), e);
        }
    }

    /**
     * Sends a frame and waits for its reply (the other frames that come meanwhile are skipped).
     *
     * @param joinRef the channel's join ref (null for heartbeats)
     * @return the reply
     * @throws IOException if none comes within {@link #STEP}
     */
    public Answer request(String joinRef, String topic, String event, Object payload) throws IOException, InterruptedException {
        return request(joinRef, topic, event, payload, r -> false);
    }

    /**
     * Sends a frame and waits for its reply or for the first frame of the topic that {@code
     * answers} accepts (a move answered by its broadcast), skipping the others.
     *
     * @return the reply or that frame
     * @throws IOException if neither comes within {@link #STEP}
     */
    public Answer request(String joinRef, String topic, String event, Object payload, Predicate<Answer> answers)
            throws IOException, InterruptedException {
        String ref = Integer.toString(++refs);
        String text = Frame.encode(joinRef, ref, topic, event, payload);
        try {
            ws.sendText(text, true).get(STEP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("send " + event + ": " + (e.getCause() != null ? e.getCause() : e), e);
        }
        long deadline = System.nanoTime() + STEP.toNanos();
        for (;;) {
            String in = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (in == null) {
                throw new IOException("no answer to " + event + " on " + topic + " within " + STEP.toSeconds() + " s");
            }
            if (FrameDecoder.decode(in, Integer.MAX_VALUE) instanceof FrameDecoder.Ok(Frame f) && topic.equals(f.topic())) {
                Answer r = new Answer(f.event(), f.payload());
                if ((Frame.REPLY.equals(f.event()) && ref.equals(f.ref())) || answers.test(r)) {
                    return r;
                }
            }
        }
    }

    /** Closes the socket normally (waits at most {@link #STEP}; a failure to close is ignored). */
    @Override
    public void close() throws InterruptedException {
        try {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(STEP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            ws.abort();
        }
    }
}
