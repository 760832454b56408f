package io.islands.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.islands.server.IslandsServer;
import io.islands.server.Limits;
import io.islands.server.ServerConfig;
import io.islands.server.phoenix.PhoenixServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * web (issues 6 and 18): the real server (memory store) in this JVM on 127.0.0.1, and beside it
 * the transport's floor, a bare echo ({@link PhoenixServer.Builder#echo}) on the socket's own
 * transport (the same Jetty WebSocket core route, virtual threads, frame limit, idle time) and no
 * process; the load comes from a
 * {@link LoadClient} in a JVM of its own, one per measured line. Each load (closed loop, or paced
 * by a think time) runs first against the echo, then against the game, with the same client,
 * the same socket count and the same request frames; the echo answers each request with one frame
 * of a move broadcast's size ({@link #ECHO_FRAME}). Memory: this JVM's heap growth after GC with
 * all the game's sockets connected and games set up, per socket: server objects only.
 *
 * <p>Results: one line per run, system {@code echo} (round trips) or {@code islands} (moves); an
 * islands line carries its ratios to the echo line of the same load ({@code vs_echo_ops},
 * {@code vs_echo_p50}, {@code vs_echo_p99}, {@code vs_echo_p999}, {@code vs_echo_server_cpu}).
 * CPU per operation, each JVM's own: {@code server_cpu_us_per_op} (this JVM, from the go to the
 * client's result, so including the late-answer wait) and {@code client_cpu_us_per_op} (the
 * window only).
 */
final class WebScenario {
    static final String ECHO_PATH = "/bench/echo";
    /** What the echo sends back: a {@code player_guessed_coordinate} broadcast as the game sends it (same size). */
    static final String ECHO_FRAME = "[null,null,\"game:g1234\",\"player_guessed_coordinate\",{\"player\":\"player1\","
            + "\"row\":8,\"col\":1,\"result\":{\"hit\":false,\"island\":\"none\",\"win\":\"no_win\"}}]";
    /** The load client's JVM: its own heap, so the server's figures are the server's. */
    static final List<String> CLIENT_FLAGS = List.of("-Xms2g", "-Xmx4g", "-XX:+UseParallelGC");
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebScenario() {}

    /**
     * @param thinks the loads to run, each a think time in ms (0: closed loop)
     * @return per load an echo line then an islands line
     */
    static List<ScenarioResult> run(int gameCount, Duration window, List<Long> thinks) throws Exception {
        int sockets = gameCount * 2;
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean os
                && os.getMaxFileDescriptorCount() < sockets + 1000) {
            System.err.println("  web: warning: open-file limit " + os.getMaxFileDescriptorCount() + " < " + (sockets + 1000)
                    + " (a descriptor per socket plus headroom): raise it with ulimit -n");
        }
        // every socket comes from this one address and plays as fast as it can: the per-address,
        // frame-rate and games-per-minute quotas of docs/security.md would refuse the load itself
        ServerConfig config = ServerConfig.builder().port(0).store("memory:").limits(Limits.builder()
                .socketsPerAddress(Integer.MAX_VALUE).framesPerSecond(1_000_000).gamesPerMinute(1_000_000).build()).build();
        List<ScenarioResult> out = new ArrayList<>();
        try (PhoenixServer echo = echoServer(config); IslandsServer server = IslandsServer.start(config)) {
            String echoUri = "ws://127.0.0.1:" + echo.port() + ECHO_PATH;
            String gameUri = "ws://127.0.0.1:" + server.port() + "/socket/websocket?vsn=2.0.0";
            int run = 0;
            for (long think : thinks) {
                run++;
                ScenarioResult floor = clientRun("echo", echoUri, gameCount, window, think, "e" + run + "g");
                ScenarioResult game = clientRun("game", gameUri, gameCount, window, think, "r" + run + "g");
                out.add(floor);
                out.add(Summary.withParams(game, ratios(game, floor)));
            }
        }
        return out;
    }

    /** A bare echo on the socket's own transport and Jetty settings: each text message is answered with {@link #ECHO_FRAME}. */
    private static PhoenixServer echoServer(ServerConfig config) {
        return PhoenixServer.builder().host("127.0.0.1").port(0).staticFiles(null)
                .idleTimeout(config.idleTimeout()).maxFrameBytes(config.maxFrameBytes())
                .echo(ECHO_PATH, ECHO_FRAME)
                .start();
    }

    /** Runs one {@link LoadClient} JVM; measures this JVM's heap while the client's sockets are set up and idle. */
    private static ScenarioResult clientRun(String mode, String uri, int games, Duration window, long think, String prefix)
            throws Exception {
        List<String> cmd = LoadClient.command(CLIENT_FLAGS, mode, uri, games, window.toMillis(), think, prefix);
        System.err.printf(Locale.ROOT, "  web: %s, %d sockets, %s%n", mode, 2 * games,
                think > 0 ? "paced, think " + think + " ms" : "closed loop");
        long heapBefore = Heap.usedAfterGc();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        // Bounded: setup at ~100 games/s on a busy machine, the window, the late-answer wait, the close.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120 + games / 50 + window.toSeconds());
        Thread killer = Thread.ofPlatform().daemon().start(() -> {
            try {
                if (!p.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    System.err.println("  web: the load client passed its deadline: killing it");
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        });
        JsonNode result = null;
        long heapAfter = 0;
        String[] ready = null;
        long cpu0 = 0;
        long cpu = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                Writer w = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("ready ")) {
                    ready = line.split(" ");
                    heapAfter = Heap.usedAfterGc();
                    cpu0 = LoadClient.cpuNanos();
                    w.write("go\n");
                    w.flush();
                } else if (line.startsWith("{")) {
                    result = JSON.readTree(line);
                    cpu = LoadClient.cpuNanos() - cpu0;
                }
            }
        }
        int rc = p.waitFor();
        killer.interrupt();
        if (result == null || ready == null) {
            throw new IllegalStateException("the load client (" + mode + ") gave no result; exit code " + rc);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        result.properties().forEach(e -> params.put(e.getKey(), e.getValue().isNumber() ? e.getValue().numberValue()
                : e.getValue().asText()));
        params.put("n", 2 * games);
        params.put("games", games);
        params.put("think_ms", think);
        params.put("store", "memory");
        params.put("duration_ms", window.toMillis());
        params.put("client", "java.net.http, own JVM " + String.join(" ", CLIENT_FLAGS));
        params.put("cores", Runtime.getRuntime().availableProcessors());
        double secs = result.path("seconds").asDouble();
        long moves = result.path("moves").asLong();
        if (moves > 0) { // CPU per move or round trip: a cost that another load on the machine does not change much
            params.put("server_cpu_us_per_op", cpu / 1e3 / moves);
            params.put("client_cpu_us_per_op", result.path("client_cpu_ms").asDouble() * 1e3 / moves);
        }
        Double bytes = null;
        if (mode.equals("game")) {
            int readySockets = Integer.parseInt(ready[1]);
            bytes = readySockets == 0 ? null : (heapAfter - heapBefore) / (double) readySockets;
            params.put("bytes_per", "connected player (socket), server side only");
        } else {
            params.put("measure", "echo");
        }
        System.err.printf(Locale.ROOT, "  web: %s: %d in %.2f s, errors %d, timeouts %d, server heap %d -> %d bytes%n", mode,
                moves, secs, result.path("errors").asLong(), result.path("timeouts").asLong(), heapBefore, heapAfter);
        return new ScenarioResult("web", mode.equals("echo") ? "echo" : "islands", secs > 0 ? moves / secs : null,
                num(result, "p50_us"), num(result, "p99_us"), bytes, params);
    }

    /** @return the game line's figures over the echo line's: moves/s over round trips/s, latencies over latencies */
    private static Map<String, Object> ratios(ScenarioResult game, ScenarioResult echo) {
        Map<String, Object> r = new LinkedHashMap<>();
        ratio(r, "vs_echo_ops", game.opsPerSec(), echo.opsPerSec());
        ratio(r, "vs_echo_p50", game.p50Us(), echo.p50Us());
        ratio(r, "vs_echo_p99", game.p99Us(), echo.p99Us());
        ratio(r, "vs_echo_p999", number(game.params().get("p999_us")), number(echo.params().get("p999_us")));
        ratio(r, "vs_echo_server_cpu", number(game.params().get("server_cpu_us_per_op")),
                number(echo.params().get("server_cpu_us_per_op")));
        return r;
    }

    private static void ratio(Map<String, Object> out, String key, Double a, Double b) {
        if (a != null && b != null && b > 0) {
            out.put(key, a / b);
        }
    }

    private static Double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : null;
    }

    /** @return the number under {@code field} of a load client's result, null when absent */
    static Double num(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asDouble();
    }
}
