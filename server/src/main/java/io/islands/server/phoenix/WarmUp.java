package io.islands.server.phoenix;

import java.io.IOException;
import java.net.http.HttpClient;
import java.util.Map;

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
 * <p>Each step waits at most {@link LoopbackSocket#STEP}. Called on one thread; holds nothing between calls.
 */
final class WarmUp {
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
        HttpClient http = HttpClient.newBuilder().connectTimeout(LoopbackSocket.STEP).build();
        int done = 0;
        long first = 0;
        long last = 0;
        try {
            for (int i = 0; i < connections; i++) {
                long t0 = System.nanoTime();
                once(http, host, port, topic, joinParams);
                last = (System.nanoTime() - t0) / 1_000_000;
                first = i == 0 ? last : first;
                done++;
            }
            return new WarmedUp(done, first, last, null);
        } catch (IOException | RuntimeException e) {
            return new WarmedUp(done, first, last, e.getMessage() != null ? e.getMessage() : e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new WarmedUp(done, first, last, "interrupted");
        } finally {
            http.shutdownNow();
        }
    }

    private static void once(HttpClient http, String host, int port, String topic, Map<String, Object> joinParams)
            throws IOException, InterruptedException {
        try (LoopbackSocket socket = LoopbackSocket.open(http, host, port)) {
            mustBeOk(socket.request(null, Frame.PHOENIX_TOPIC, Frame.HEARTBEAT, null), "heartbeat");
            socket.request("2", topic, Frame.JOIN, joinParams); // refused or not: its code ran
            mustBeOk(socket.request("2", topic, Frame.LEAVE, null), "leave");
        }
    }

    private static void mustBeOk(LoopbackSocket.Answer reply, String what) throws IOException {
        if (!reply.ok()) {
            throw new IOException(what + " refused: " + reply.payload());
        }
    }
}
