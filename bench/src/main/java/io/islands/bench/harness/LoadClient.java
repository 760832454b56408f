package io.islands.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.islands.engine.process.DemoFleet;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The web scenario's load generator, a JVM of its own (issue 18): N = 2 × games WebSockets
 * ({@code java.net.http}, one {@link HttpClient} per {@value #SOCKETS_PER_CLIENT} sockets, a
 * virtual-thread executor) speaking Phoenix V2 frames, two per game, against a server in another
 * JVM. Started by {@link WebScenario} as
 * {@code java -cp ... io.islands.bench.harness.LoadClient MODE URI GAMES WINDOW_MS THINK_MS PREFIX}.
 *
 * <p>Modes. {@code game}: each pair joins {@code game:<PREFIX><i>}, makes a game (new_game, add_player,
 * five position_island and set_islands each; untimed, 128 games at a time, a progress bar on
 * stderr; a pair whose setup fails starts again on fresh sockets as {@code game:<PREFIX><i>-<attempt>},
 * {@value #SETUP_ATTEMPTS} attempts in all, counted in {@code setup_retries}), then in the window the two sockets take turns guessing water cells (legal misses,
 * games never end); a move's latency is from the push to the pusher receiving its own
 * {@code player_guessed_coordinate} broadcast, and the opponent guesses when it receives that
 * broadcast. {@code echo}: each pair only connects (to the bench's bare echo endpoint), then in
 * the window sends the same guess frames; the echo answers each with one frame of a broadcast's
 * size; a round trip's latency is from the send to that frame, after which the pair's other
 * socket sends. Both modes: one request in flight per pair; {@code THINK_MS} > 0 waits that long
 * before each turn (paced; the pairs' first turns are spread evenly over one think time, so the
 * offered load is a steady GAMES / THINK moves per second), 0 answers at once (closed loop).
 *
 * <p>Protocol on stdout: during setup, once a second, {@code setup DONE FAILED} (pairs); after setup
 * one line {@code ready READY FAILURES SETUP_SECONDS}; then the client waits for a line on stdin
 * (the server side measures its heap meanwhile): {@code go} plays every ready pair in the window;
 * {@code go SAMPLE} (the web_density scenario's liveness check) first sends a Phoenix heartbeat on
 * every ready socket and waits up to {@value #SETUP_WAIT_SECONDS} s for each reply
 * ({@code heartbeats_answered}), then plays only every (games / SAMPLE)-th pair, the others staying
 * idle ({@code sample_pairs}, {@code sample_sockets_moved}: sockets with at least one own move
 * answered); end of stdin (the parent died) closes every socket and exits 1. Then it runs the window,
 * waits {@value #WAIT_SECONDS} s for late answers and prints one JSON object of its counts,
 * latency percentiles (µs) and the CPU time this JVM spent in the window ({@code client_cpu_ms}). Progress and warnings go to stderr. Every wait is bounded: a move's
 * answer {@value #WAIT_SECONDS} s (then counted as a timeout), a setup frame
 * {@value #SETUP_WAIT_SECONDS} s, a connect (TCP and upgrade) as long, stdin the server's own deadline (it kills this JVM).
 *
 * <p>Design note: the listener callbacks of one socket are serialized by the JDK client; sends
 * of one socket are chained ({@code lastSend}) because the JDK client allows one outstanding
 * send per socket. Latency samples go into {@value #STRIPES} striped {@link Latencies}, each
 * guarded by its own monitor; counters are atomics; {@code running}/{@code endNanos} are volatile.
 */
public final class LoadClient {
    static final int SOCKETS_PER_CLIENT = 500;
    static final int SETUP_CONCURRENCY = 128;
    /** How many times a pair's setup is tried (fresh sockets and game each time) before it counts as failed. */
    static final int SETUP_ATTEMPTS = 3;
    static final long WAIT_SECONDS = 5;
    /** A setup frame's (and a connect's) wait: setup is untimed, and a busy machine should slow it, not fail it. */
    static final long SETUP_WAIT_SECONDS = 30;
    static final int STRIPES = 32;
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    private static final ObjectMapper JSON = new ObjectMapper();
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

    private LoadClient() {}

    /** Shared counters and latency stripes of the timed window. */
    static final class Stats {
        final boolean echo;
        final long thinkMillis;
        final ScheduledExecutorService timer;
        final AtomicLong moves = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong timeouts = new AtomicLong();
        final AtomicLong closes = new AtomicLong();
        /** Set-up sockets that closed or broke while idle (not playing), before this client's own close. */
        final AtomicLong idleCloses = new AtomicLong();
        volatile boolean closing;
        /** Counts down once per socket whose heartbeat round trip completed; null outside the round. */
        volatile java.util.concurrent.CountDownLatch heartbeats;
        final Latencies[] stripes = new Latencies[STRIPES];
        volatile boolean running;
        volatile long endNanos;

        Stats(boolean echo, long thinkMillis, ScheduledExecutorService timer) {
            this.echo = echo;
            this.thinkMillis = thinkMillis;
            this.timer = timer;
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

    /** One socket: one role of game (or echo pair) {@code game}. */
    static final class Conn extends TextMessages {
        final int game;
        final String topic;
        final String role;
        final Stats stats;
        final LinkedBlockingQueue<String> setupFrames = new LinkedBlockingQueue<>();
        private final String rolePattern;
        volatile boolean playing;
        volatile boolean setupDone;
        Conn other;
        WebSocket ws;
        String joinRef = "1";
        private int refs = 1;
        private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);
        /** nanoTime of this socket's pending guess, 0 when none. */
        volatile long pushedAt;
        /** Whether one of this socket's own moves was answered in the window. */
        volatile boolean moved;
        /** Whether this socket awaits the reply to the liveness round's heartbeat (its callbacks run one at a time). */
        volatile boolean heartbeatPending;
        private int nextWater;

        /** @param name the game's name (its topic's suffix): the prefix and the pair's number, and the attempt after a retry */
        Conn(int game, String name, String role, Stats stats) {
            this.game = game;
            this.topic = "game:" + name;
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
            sendText("[null,\"" + nextRef() + "\",\"phoenix\",\"heartbeat\",{}]");
        }

        /** Pushes this socket's next water guess. */
        void guess() {
            int[] cell = WATER[nextWater];
            nextWater = (nextWater + 1) % WATER.length;
            String text = "[\"" + joinRef + "\",\"" + nextRef() + "\",\"" + topic + "\",\"guess_coordinate\",{\"player\":\""
                    + role + "\",\"row\":" + cell[0] + ",\"col\":" + cell[1] + "}]";
            pushedAt = System.nanoTime();
            sendText(text);
        }

        void guessIfRunning() {
            if (stats.running && System.nanoTime() < stats.endNanos) {
                guess();
            }
        }

        /** This socket's turn: guess now (closed loop) or after the think time (paced). */
        void turn() {
            if (!stats.running || System.nanoTime() >= stats.endNanos) {
                return;
            }
            if (stats.thinkMillis > 0) {
                stats.timer.schedule(this::guessIfRunning, stats.thinkMillis, TimeUnit.MILLISECONDS);
            } else {
                guess();
            }
        }

        JsonNode next() throws Exception {
            String text = setupFrames.poll(SETUP_WAIT_SECONDS, TimeUnit.SECONDS);
            if (text == null) {
                throw new IllegalStateException(topic + " " + role + ": no frame within " + SETUP_WAIT_SECONDS + " s");
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
        protected void onMessage(String text) {
            if (text.contains("\"phoenix\",\"phx_reply\"")) { // a heartbeat's reply: the socket is live
                if (heartbeatPending) {
                    heartbeatPending = false;
                    stats.heartbeats.countDown();
                }
                return;
            }
            if (playing) {
                if (stats.echo) {
                    onEcho();
                } else {
                    onPlayFrame(text);
                }
            } else if (!stats.echo) {
                setupFrames.add(text);
            }
        }

        private void ownMoveDone(long now) {
            long t = pushedAt;
            pushedAt = 0;
            if (t != 0 && now <= stats.endNanos) {
                moved = true;
                stats.moves.incrementAndGet();
                stats.latency(game, now - t);
            }
        }

        private void onEcho() {
            ownMoveDone(System.nanoTime());
            other.turn();
        }

        private void onPlayFrame(String text) {
            if (text.startsWith("[null,null,") && text.contains("\"player_guessed_coordinate\"")) {
                if (text.contains(rolePattern)) {
                    ownMoveDone(System.nanoTime());
                } else {
                    turn(); // the opponent's guess is broadcast: my turn
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
            } else if (!playing && setupDone && !stats.closing) {
                stats.idleCloses.incrementAndGet();
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (playing) {
                stats.errors.incrementAndGet();
            } else if (setupDone && !stats.closing) { // an idle socket broken (reset, not closed): lost as well
                stats.idleCloses.incrementAndGet();
            }
        }
    }

    /**
     * @return the command line of a load client JVM with {@code jvmFlags} on this JVM's class path
     *     (the arguments of {@link #main})
     */
    static List<String> command(List<String> jvmFlags, String mode, String uri, int games, long windowMillis, long thinkMillis,
            String prefix) {
        List<String> cmd = new ArrayList<>(List.of(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-cp", io.islands.bench.ChildJvm.classPath(), LoadClient.class.getName(), mode, uri,
                Integer.toString(games), Long.toString(windowMillis), Long.toString(thinkMillis), prefix));
        return cmd;
    }

    /** @param args MODE (game|echo) URI GAMES WINDOW_MS THINK_MS PREFIX (the games are PREFIX0, PREFIX1, ...) */
    public static void main(String[] args) throws Exception {
        if (args.length != 6 || !List.of("game", "echo").contains(args[0]) || !args[5].matches("[a-z0-9]{1,8}")) {
            System.err.println("usage: LoadClient game|echo URI GAMES WINDOW_MS THINK_MS PREFIX");
            System.exit(2);
        }
        boolean echo = args[0].equals("echo");
        URI uri = URI.create(args[1]);
        int games = Integer.parseInt(args[2]);
        Duration window = Duration.ofMillis(Long.parseLong(args[3]));
        long think = Long.parseLong(args[4]);
        Map<String, Object> out = run(echo, uri, games, window, think, args[5]);
        if (out == null) {
            System.err.println("  load client: standard input ended before go: closed every socket");
            System.exit(1);
        }
        System.out.println(JSON.writeValueAsString(out));
        System.out.flush();
        System.exit(0); // the HttpClients' selector threads are not daemons
    }

    private static Map<String, Object> run(boolean echo, URI uri, int gameCount, Duration window, long thinkMillis,
            String prefix) throws Exception {
        int sockets = gameCount * 2;
        List<HttpClient> clients = new ArrayList<>();
        ExecutorService vexec = Executors.newVirtualThreadPerTaskExecutor();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "load-client-timer");
            t.setDaemon(true);
            return t;
        });
        Stats stats = new Stats(echo, thinkMillis, timer);
        Conn[] conns = new Conn[sockets];
        for (int i = 0; i < (sockets + SOCKETS_PER_CLIENT - 1) / SOCKETS_PER_CLIENT; i++) {
            clients.add(HttpClient.newBuilder().executor(vexec).connectTimeout(Duration.ofSeconds(SETUP_WAIT_SECONDS)).build());
        }
        // Keeps sockets alive (the server closes sockets silent for 60 s) while setup runs.
        timer.scheduleAtFixedRate(() -> {
            for (Conn c : conns) {
                if (!echo && c != null && c.ws != null && !c.playing) {
                    c.heartbeat();
                }
            }
        }, 20, 20, TimeUnit.SECONDS);

        // Setup, untimed.
        Progress progress = new Progress((echo ? "connecting " : "setting up ") + gameCount + " pairs", gameCount);
        Semaphore permits = new Semaphore(SETUP_CONCURRENCY);
        AtomicLong done = new AtomicLong();
        List<String> setupErrors = Collections.synchronizedList(new ArrayList<>());
        AtomicLong setupRetries = new AtomicLong();
        List<Thread> setters = new ArrayList<>();
        long setupT0 = System.nanoTime();
        var setupLines = timer.scheduleAtFixedRate(() -> {
            System.out.println("setup " + done.get() + " " + stats.errors.get());
            System.out.flush();
        }, 1, 1, TimeUnit.SECONDS);
        for (int g = 0; g < gameCount; g++) {
            int game = g;
            permits.acquire();
            setters.add(Thread.startVirtualThread(() -> {
                try {
                    // A pair whose setup failed (a refused or timed-out step, e.g. while the
                    // server JVMs are still cold) starts again on fresh sockets and a fresh game,
                    // as a player would; SETUP_ATTEMPTS in all.
                    for (int attempt = 1; ; attempt++) {
                        try {
                            setUpPair(conns, game, attempt, clients, uri, echo, prefix, stats);
                            break;
                        } catch (Exception e) {
                            for (Conn c : new Conn[] {conns[2 * game], conns[2 * game + 1]}) { // a failed pair holds nothing
                                if (c != null && c.ws != null) {
                                    c.ws.abort();
                                }
                            }
                            if (attempt >= SETUP_ATTEMPTS) {
                                if (setupErrors.size() < 5) {
                                    setupErrors.add(String.valueOf(e));
                                }
                                stats.errors.incrementAndGet();
                                break;
                            }
                            setupRetries.incrementAndGet();
                        }
                    }
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
        setupLines.cancel(false);
        double setupSecs = (System.nanoTime() - setupT0) / 1e9;
        long setupFailures = stats.errors.getAndSet(0);
        if (setupFailures > 0) {
            System.err.println("  load client: " + setupFailures + " pairs failed setup, e.g. " + setupErrors);
        }
        List<Conn> ready = new ArrayList<>();
        for (Conn c : conns) {
            if (c != null && c.ws != null && c.setupDone) {
                ready.add(c);
            }
        }
        System.out.printf("ready %d %d %.3f%n", ready.size(), setupFailures, setupSecs);
        System.out.flush();
        String go = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine(); // the server side's go
        if (go == null) {
            stats.closing = true;
            closeAll(conns);
            return null;
        }
        Map<String, Object> liveness = new LinkedHashMap<>();
        List<Conn> players; // who plays in the window
        if (go.startsWith("go ")) {
            int sample = Math.max(1, Integer.parseInt(go.substring(3).trim()));
            liveness.putAll(heartbeatRound(ready, stats));
            int stride = Math.max(1, gameCount / sample);
            players = ready.stream().filter(c -> c.game % stride == 0).toList();
            liveness.put("sample_pairs", players.size() / 2);
        } else {
            players = ready;
        }

        // Timed window.
        for (Conn c : players) {
            c.setupFrames.clear();
            c.playing = true;
        }
        var watchdog = timer.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            for (Conn c : players) {
                long t = c.pushedAt;
                if (t != 0 && now - t > TIMEOUT_NANOS) {
                    c.pushedAt = 0;
                    stats.timeouts.incrementAndGet();
                }
            }
        }, 250, 250, TimeUnit.MILLISECONDS);
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        stats.endNanos = t0 + window.toNanos();
        stats.running = true;
        // Paced: the pairs' first moves are spread evenly over one think time, so the load is the
        // steady GAMES / THINK moves per second of players who think, not a burst of every pair at
        // once repeating each think time (which measured how fast the server drains GAMES moves).
        List<Conn> starters = new ArrayList<>();
        for (Conn c : players) {
            if (c.role.equals("player1") && c.other.setupDone) {
                starters.add(c);
            }
        }
        for (int i = 0; i < starters.size(); i++) {
            Conn c = starters.get(i);
            if (thinkMillis > 0) {
                timer.schedule(c::guessIfRunning, i * thinkMillis * 1000 / starters.size(), TimeUnit.MICROSECONDS);
            } else {
                c.guess();
            }
        }
        Progress bar = new Progress((thinkMillis > 0 ? "paced " : "closed loop ") + (echo ? "echo" : "moves"),
                window.toMillis());
        for (long left; (left = (stats.endNanos - System.nanoTime()) / 1_000_000) > 0; ) {
            Thread.sleep(Math.min(left, 250)); // the measurement window itself
            bar.step(window.toMillis() - Math.max(0, (stats.endNanos - System.nanoTime()) / 1_000_000));
        }
        stats.running = false;
        double secs = (System.nanoTime() - t0) / 1e9;
        long cpu = cpuNanos() - cpu0;
        Thread.sleep(WAIT_SECONDS * 1000 + 500); // lets the watchdog see pushes that never got their answer
        watchdog.cancel(false);
        long pending = 0; // pushes made in the window but answered after it: neither moves nor timeouts
        for (Conn c : players) {
            if (c.pushedAt != 0) {
                pending++;
            }
        }
        Latencies all = new Latencies();
        for (Latencies l : stats.stripes) {
            all.merge(l);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", echo ? "echo" : "game");
        out.put("sockets", sockets);
        out.put("sockets_ready", ready.size());
        out.put("setup_failures", setupFailures);
        out.put("setup_retries", setupRetries.get());
        out.put("setup_seconds", setupSecs);
        out.put("seconds", secs);
        out.put("moves", stats.moves.get());
        out.put("errors", stats.errors.get());
        out.put("timeouts", stats.timeouts.get());
        out.put("closed_by_server", stats.closes.get());
        out.put("pending_at_end", pending);
        out.put("client_cpu_ms", cpu / 1e6);
        out.put("p50_us", all.percentileUs(0.50));
        out.put("p99_us", all.percentileUs(0.99));
        out.putAll(all.distribution());
        out.put("closed_idle", stats.idleCloses.get());
        if (!liveness.isEmpty()) {
            out.putAll(liveness);
            out.put("sample_sockets", players.size());
            out.put("sample_sockets_moved", players.stream().filter(c -> c.moved).count());
        }
        stats.closing = true;
        closeAll(conns);
        timer.shutdownNow();
        for (HttpClient c : clients) {
            c.shutdownNow();
        }
        vexec.shutdownNow();
        return out;
    }

    /** @return this JVM's CPU time so far (all threads), in ns; 0 where the platform does not say */
    static long cpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? Math.max(0, os.getProcessCpuTime()) : 0;
    }

    /**
     * The liveness round: a Phoenix heartbeat on every socket of {@code ready}, then a wait of at most
     * {@value #SETUP_WAIT_SECONDS} s for their replies.
     *
     * @return {@code heartbeats_sent}, {@code heartbeats_answered} and {@code heartbeat_seconds} (send → last reply or the wait's end)
     */
    private static Map<String, Object> heartbeatRound(List<Conn> ready, Stats stats) throws InterruptedException {
        var latch = new java.util.concurrent.CountDownLatch(ready.size());
        stats.heartbeats = latch;
        long t0 = System.nanoTime();
        for (Conn c : ready) {
            c.heartbeatPending = true;
            c.heartbeat();
        }
        latch.await(SETUP_WAIT_SECONDS, TimeUnit.SECONDS);
        double secs = (System.nanoTime() - t0) / 1e9;
        for (Conn c : ready) {
            c.heartbeatPending = false;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("heartbeats_sent", ready.size());
        out.put("heartbeats_answered", ready.size() - latch.getCount());
        out.put("heartbeat_seconds", secs);
        return out;
    }

    /**
     * Connects pair {@code game}'s two sockets and (game mode) sets its game up, named {@code prefix}
     * (which starts each game's name: a server may see several runs, each needs new games) and the
     * pair's number; attempt 2 and later use a fresh game name.
     */
    private static void setUpPair(Conn[] conns, int game, int attempt, List<HttpClient> clients, URI uri, boolean echo,
            String prefix, Stats stats) throws Exception {
        String name = prefix + game + (attempt == 1 ? "" : "-" + attempt);
        Conn p1 = new Conn(game, name, "player1", stats);
        Conn p2 = new Conn(game, name, "player2", stats);
        p1.other = p2;
        p2.other = p1;
        conns[2 * game] = p1;
        conns[2 * game + 1] = p2;
        HttpClient http = clients.get(2 * game / SOCKETS_PER_CLIENT);
        p1.ws = http.newWebSocketBuilder().buildAsync(uri, p1).get(SETUP_WAIT_SECONDS, TimeUnit.SECONDS);
        p2.ws = http.newWebSocketBuilder().buildAsync(uri, p2).get(SETUP_WAIT_SECONDS, TimeUnit.SECONDS);
        if (!echo) {
            setUpGame(p1, p2, name);
        }
        p1.setupDone = true;
        p2.setupDone = true;
    }

    private static void setUpGame(Conn p1, Conn p2, String game) throws Exception {
        String name1 = game; // the game is its first player's (the book's rule)
        String name2 = "p" + game;
        join(p1, name1);
        p1.ok("new_game", Map.of());
        join(p2, name2);
        p2.send(p2.joinRef, "add_player", name2);
        p2.awaitBroadcast("player_added");
        for (Conn c : List.of(p1, p2)) {
            for (DemoFleet.Placed island : DemoFleet.ISLANDS) {
                c.ok("position_island", Map.of("player", c.role, "island", island.island(), "row", island.row(), "col", island.col()));
            }
            c.ok("set_islands", c.role);
        }
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
