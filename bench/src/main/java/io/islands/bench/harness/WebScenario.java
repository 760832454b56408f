package io.islands.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.islands.server.IslandsServer;
import io.islands.server.Limits;
import io.islands.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * web (issue 6): the real server in process (memory store) on 127.0.0.1, N WebSocket clients
 * (java.net.http, one HttpClient per {@value #SOCKETS_PER_CLIENT} sockets, virtual threads),
 * two per game, speaking Phoenix V2 frames. Setup (join, new_game, add_player, five
 * position_island and set_islands per player) is untimed; in the window each game's two sockets
 * take turns guessing water cells (legal misses, games never end). Latency: from the push of
 * guess_coordinate to the pusher receiving its player_guessed_coordinate broadcast; the other
 * socket guesses when it receives that broadcast. Memory: heap growth after GC with all sockets
 * connected and games set up, per socket, server and client objects together (same heap).
 */
final class WebScenario {
    static final int SOCKETS_PER_CLIENT = 500;
    static final int SETUP_CONCURRENCY = 128;
    static final long WAIT_SECONDS = 5;
    static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    static final ObjectMapper JSON = new ObjectMapper();
    /** The demo placement (protocol.md §5, page demo): atoll (1,1), dot (1,5), l_shape (1,7), s_shape (5,1), square (5,5). */
    static final Object[][] PLACEMENT = {{"atoll", 1, 1}, {"dot", 1, 5}, {"l_shape", 1, 7}, {"s_shape", 5, 1}, {"square", 5, 5}};
    /** Rows 8..10 hold no island of the demo placement: every guess there is a miss. */
    static final int[][] WATER;

    static {
        List<int[]> w = new ArrayList<>();
        for (int r = 8; r <= 10; r++) {
            for (int c = 1; c <= 10; c++) {
                w.add(new int[] {r, c});
            }
        }
        WATER = w.toArray(int[][]::new);
    }

    private WebScenario() {}

    /** Shared counters and latency stripes of the timed window. */
    static final class Stats {
        final AtomicLong moves = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong timeouts = new AtomicLong();
        final AtomicLong closes = new AtomicLong();
        final Latencies[] stripes = new Latencies[32];
        volatile boolean running;
        volatile long endNanos;
        /** Think time before answering the opponent's move (0: at once, a closed loop). */
        long thinkMillis;
        java.util.concurrent.ScheduledExecutorService timer;

        Stats() {
            for (int i = 0; i < stripes.length; i++) {
                stripes[i] = new Latencies();
            }
        }

        void latency(int game, long nanos) {
            Latencies l = stripes[game & (stripes.length - 1)];
            synchronized (l) {
                l.add(nanos);
            }
        }
    }

    /** One socket joined (after setup) to game:g<i> as one role. */
    static final class Conn implements WebSocket.Listener {
        final int game;
        final String topic;
        final String role;
        final Stats stats;
        final LinkedBlockingQueue<String> setupFrames = new LinkedBlockingQueue<>();
        private final StringBuilder parts = new StringBuilder();
        volatile boolean playing;
        volatile boolean setupDone;
        Conn other;
        WebSocket ws;
        String joinRef = "1";
        private int refs = 1;
        private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);
        /** nanoTime of this socket's pending guess, 0 when none. */
        volatile long pushedAt;
        private int nextWater;
        final String rolePattern;

        Conn(int game, String role, Stats stats) {
            this.game = game;
            this.topic = "game:g" + game;
            this.role = role;
            this.stats = stats;
            this.rolePattern = "\"player\":\"" + role + "\"";
            this.nextWater = role.equals("player1") ? 0 : WATER.length / 2;
        }

        synchronized String nextRef() {
            return Integer.toString(++refs);
        }

        String send(String joinRef, String event, Object payload) {
            String ref = nextRef();
            String text;
            try {
                text = JSON.writeValueAsString(Arrays.asList(joinRef, ref, topic, event, payload));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            sendText(text);
            return ref;
        }

        synchronized void sendText(String text) {
            lastSend = lastSend.handle((x, e) -> null).thenCompose(x -> ws.sendText(text, true));
            lastSend.whenComplete((x, e) -> {
                if (e != null && playing) {
                    stats.errors.incrementAndGet();
                }
            });
        }

        void heartbeat() {
            String ref = nextRef();
            sendText("[null,\"" + ref + "\",\"phoenix\",\"heartbeat\",{}]");
        }

        /** Pushes this socket's next water guess (play mode). */
        void guess() {
            int[] cell = WATER[nextWater];
            nextWater = (nextWater + 1) % WATER.length;
            String ref = nextRef();
            String text = "[\"" + joinRef + "\",\"" + ref + "\",\"" + topic + "\",\"guess_coordinate\",{\"player\":\""
                    + role + "\",\"row\":" + cell[0] + ",\"col\":" + cell[1] + "}]";
            pushedAt = System.nanoTime();
            sendText(text);
        }

        void guessIfRunning() {
            if (stats.running && System.nanoTime() < stats.endNanos) {
                guess();
            }
        }

        JsonNode next() throws Exception {
            String text = setupFrames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (text == null) {
                throw new IllegalStateException(topic + " " + role + ": no frame within " + WAIT_SECONDS + " s");
            }
            return JSON.readTree(text);
        }

        /** @return the reply payload to ref (setup mode), skipping other frames */
        JsonNode reply(String ref) throws Exception {
            for (;;) {
                JsonNode f = next();
                if (f.get(3).asText().equals("phx_reply") && ref.equals(f.get(1).asText()) && !f.get(2).asText().equals("phoenix")) {
                    return f.get(4);
                }
            }
        }

        JsonNode ok(String event, Object payload) throws Exception {
            JsonNode r = reply(send(joinRef, event, payload));
            if (!r.get("status").asText().equals("ok")) {
                throw new IllegalStateException(topic + " " + role + " " + event + " " + payload + ": " + r);
            }
            return r.get("response");
        }

        void awaitBroadcast(String event) throws Exception {
            for (;;) {
                JsonNode f = next();
                if (f.get(0).isNull() && f.get(3).asText().equals(event)) {
                    return;
                }
                if (f.get(3).asText().equals("phx_reply") && f.get(4).path("status").asText().equals("error")) {
                    throw new IllegalStateException(topic + " " + role + ": " + f);
                }
            }
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            parts.append(data);
            if (last) {
                String text = parts.toString();
                parts.setLength(0);
                if (playing) {
                    onPlayFrame(text);
                } else {
                    setupFrames.add(text);
                }
            }
            webSocket.request(1);
            return null;
        }

        private void onPlayFrame(String text) {
            if (text.startsWith("[null,null,") && text.contains("\"player_guessed_coordinate\"")) {
                long now = System.nanoTime();
                if (text.contains(rolePattern)) {
                    long t = pushedAt;
                    pushedAt = 0;
                    if (t != 0 && now <= stats.endNanos) {
                        stats.moves.incrementAndGet();
                        stats.latency(game, now - t);
                    }
                } else if (stats.running && now < stats.endNanos) {
                    if (stats.thinkMillis > 0) {
                        stats.timer.schedule(this::guessIfRunning, stats.thinkMillis, TimeUnit.MILLISECONDS);
                    } else {
                        guess(); // the opponent's guess is broadcast: my turn
                    }
                }
            } else if (text.contains("\"phx_reply\"") && text.contains("\"status\":\"error\"")) {
                stats.errors.incrementAndGet();
                pushedAt = 0;
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (playing && stats.running) {
                stats.closes.incrementAndGet();
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (playing) {
                stats.errors.incrementAndGet();
            }
        }
    }

    static ScenarioResult run(int gameCount, Duration window) throws Exception {
        return run(gameCount, window, 0);
    }

    /** @param thinkMillis a socket's pause between the opponent's broadcast and its own guess (0: none) */
    static ScenarioResult run(int gameCount, Duration window, long thinkMillis) throws Exception {
        int sockets = gameCount * 2;
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean os
                && os.getMaxFileDescriptorCount() < 2L * sockets + 1000) {
            // Both ends of every loopback socket live in this process.
            System.err.println("  web: warning: open-file limit " + os.getMaxFileDescriptorCount() + " < " + (2L * sockets + 1000)
                    + " (two descriptors per socket plus headroom): raise it with ulimit -n");
        }
        long heapBefore;
        List<HttpClient> clients = new ArrayList<>();
        ExecutorService vexec = Executors.newVirtualThreadPerTaskExecutor();
        Stats stats = new Stats();
        stats.thinkMillis = thinkMillis;
        Conn[] conns = new Conn[sockets];
        java.util.concurrent.ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "web-bench-timer");
            t.setDaemon(true);
            return t;
        });
        // every socket comes from this one address and plays as fast as it can: the per-address,
        // frame-rate and games-per-minute quotas of docs/security.md would refuse the load itself
        ServerConfig config = ServerConfig.builder().port(0).store("memory:").limits(Limits.builder()
                .socketsPerAddress(Integer.MAX_VALUE).framesPerSecond(1_000_000).gamesPerMinute(1_000_000).build()).build();
        try (IslandsServer server = IslandsServer.start(config)) {
            stats.timer = timer;
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/socket/websocket?vsn=2.0.0");
            heapBefore = Heap.usedAfterGc();
            for (int i = 0; i < (sockets + SOCKETS_PER_CLIENT - 1) / SOCKETS_PER_CLIENT; i++) {
                clients.add(HttpClient.newBuilder().executor(vexec).connectTimeout(Duration.ofSeconds(10)).build());
            }
            // Keeps sockets alive (the server closes sockets silent for 60 s) while setup runs.
            timer.scheduleAtFixedRate(() -> {
                for (Conn c : conns) {
                    if (c != null && c.ws != null && !c.playing) {
                        c.heartbeat();
                    }
                }
            }, 20, 20, TimeUnit.SECONDS);

            // Setup, untimed.
            Progress progress = new Progress("setting up " + gameCount + " games", gameCount);
            Semaphore permits = new Semaphore(SETUP_CONCURRENCY);
            AtomicLong done = new AtomicLong();
            List<String> setupErrors = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> setters = new ArrayList<>();
            long setupT0 = System.nanoTime();
            for (int g = 0; g < gameCount; g++) {
                int game = g;
                permits.acquire();
                setters.add(Thread.startVirtualThread(() -> {
                    try {
                        Conn p1 = new Conn(game, "player1", stats);
                        Conn p2 = new Conn(game, "player2", stats);
                        p1.other = p2;
                        p2.other = p1;
                        conns[2 * game] = p1;
                        conns[2 * game + 1] = p2;
                        setUp(clients.get(2 * game / SOCKETS_PER_CLIENT), uri, p1, p2, game);
                    } catch (Exception e) {
                        if (setupErrors.size() < 5) {
                            setupErrors.add(String.valueOf(e));
                        }
                        stats.errors.incrementAndGet();
                    } finally {
                        permits.release();
                        long d = done.incrementAndGet();
                        synchronized (progress) {
                            progress.step(d);
                        }
                    }
                }));
            }
            for (Thread t : setters) {
                t.join();
            }
            double setupSecs = (System.nanoTime() - setupT0) / 1e9;
            long setupFailures = stats.errors.getAndSet(0);
            if (setupFailures > 0) {
                System.err.println("  web: " + setupFailures + " games failed setup, e.g. " + setupErrors);
            }
            long heapAfter = Heap.usedAfterGc();
            double bytesPerSocket = (heapAfter - heapBefore) / (double) sockets;

            // Timed window.
            List<Conn> ready = new ArrayList<>();
            for (Conn c : conns) {
                if (c != null && c.ws != null && c.setupDone) {
                    ready.add(c);
                }
            }
            for (Conn c : ready) {
                c.setupFrames.clear();
                c.playing = true;
            }
            var watchdog = timer.scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                for (Conn c : ready) {
                    long t = c.pushedAt;
                    if (t != 0 && now - t > TIMEOUT_NANOS) {
                        c.pushedAt = 0;
                        stats.timeouts.incrementAndGet();
                    }
                }
            }, 250, 250, TimeUnit.MILLISECONDS);
            long t0 = System.nanoTime();
            stats.endNanos = t0 + window.toNanos();
            stats.running = true;
            for (Conn c : ready) {
                if (c.role.equals("player1")) {
                    c.guess();
                }
            }
            Thread.sleep(window.toMillis()); // the measurement window itself
            stats.running = false;
            double secs = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(WAIT_SECONDS * 1000 + 500); // lets the watchdog see pushes that never got their broadcast
            watchdog.cancel(false);
            // Pushes made in the window but answered after it are neither moves nor timeouts.
            long lateOrLost = 0;
            for (Conn c : ready) {
                if (c.pushedAt != 0) {
                    lateOrLost++;
                }
            }

            Latencies all = new Latencies();
            for (Latencies l : stats.stripes) {
                all.merge(l);
            }
            long moves = stats.moves.get();
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("n", sockets);
            params.put("games", gameCount);
            params.put("sockets_ready", ready.size());
            params.put("setup_failures", setupFailures);
            params.put("setup_seconds", setupSecs);
            params.put("duration_ms", window.toMillis());
            params.put("moves", moves);
            params.put("errors", stats.errors.get());
            params.put("timeouts", stats.timeouts.get());
            params.put("closed_by_server", stats.closes.get());
            params.put("pending_at_end", lateOrLost);
            params.put("store", "memory");
            params.put("think_ms", thinkMillis);
            params.put("bytes_per", "connected player (socket): server + client objects, one heap");
            params.put("cores", Runtime.getRuntime().availableProcessors());
            System.err.printf("  web: %d moves in %.2f s, errors %d, timeouts %d, heap %d -> %d bytes%n", moves, secs,
                    stats.errors.get(), stats.timeouts.get(), heapBefore, heapAfter);
            ScenarioResult result = new ScenarioResult("web", "islands", moves / secs, all.percentileUs(0.50),
                    all.percentileUs(0.99), bytesPerSocket, params);
            closeAll(conns);
            return result;
        } finally {
            timer.shutdownNow();
            for (HttpClient c : clients) {
                c.shutdownNow();
            }
            vexec.shutdownNow();
        }
    }

    private static void setUp(HttpClient http, URI uri, Conn p1, Conn p2, int game) throws Exception {
        String name1 = "g" + game;
        String name2 = "p" + game;
        p1.ws = http.newWebSocketBuilder().buildAsync(uri, p1).get(10, TimeUnit.SECONDS);
        p2.ws = http.newWebSocketBuilder().buildAsync(uri, p2).get(10, TimeUnit.SECONDS);
        join(p1, name1);
        p1.ok("new_game", Map.of());
        join(p2, name2);
        p2.send(p2.joinRef, "add_player", name2);
        p2.awaitBroadcast("player_added");
        for (Conn c : List.of(p1, p2)) {
            for (Object[] island : PLACEMENT) {
                c.ok("position_island", Map.of("player", c.role, "island", island[0], "row", island[1], "col", island[2]));
            }
            c.ok("set_islands", c.role);
        }
        p1.setupDone = true;
        p2.setupDone = true;
    }

    private static void join(Conn c, String screenName) throws Exception {
        String ref = c.nextRef();
        c.joinRef = ref;
        c.sendText(JSON.writeValueAsString(Arrays.asList(ref, ref, c.topic, "phx_join", Map.of("screen_name", screenName))));
        JsonNode r = c.reply(ref);
        if (!r.get("status").asText().equals("ok")) {
            throw new IllegalStateException(c.topic + " join " + screenName + ": " + r);
        }
    }

    private static void closeAll(Conn[] conns) {
        List<CompletableFuture<?>> closing = new ArrayList<>();
        for (Conn c : conns) {
            if (c != null && c.ws != null) {
                c.playing = false;
                closing.add(c.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bench done").exceptionally(e -> null));
            }
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            // abort below
        }
        for (Conn c : conns) {
            if (c != null && c.ws != null) {
                c.ws.abort();
            }
        }
    }
}
