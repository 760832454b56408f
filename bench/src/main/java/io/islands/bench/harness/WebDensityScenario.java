package io.islands.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.islands.bench.chaos.ClusterNodes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * web_density (issue 18, Islands only, run when named): how many idle players this machine holds.
 * One process may hold only as many sockets as its open-file limit (20,000 here, and no privilege
 * to raise it), so the players are spread over as many server JVMs as that limit needs, as a
 * deployment behind a balancer would spread them: K = ceil(players / players per JVM)
 * independent {@code serve --store memory:} JVMs on 127.0.0.1, each on its own port, with the
 * per-address quotas raised (all the load comes from one address), and one {@link LoadClient}
 * JVM per server (the client picks the server, as the balancer would; it holds as many sockets
 * as its server). Each client sets up its games (join, new_game/add_player, five islands,
 * set_islands: untimed) and holds both players of each idle (a Phoenix heartbeat every 20 s, as a
 * browser's client sends every 30 s).
 *
 * <p>With every player set up: each server's live heap ({@code jcmd GC.class_histogram}, before the
 * clients and with them) and resident memory, each client's resident memory; then the liveness
 * check: a heartbeat round trip on every socket ({@code heartbeats_answered}) and a short closed
 * loop on a sample of the games (every (games / sample)-th game of each client: moves, errors,
 * timeouts, and {@code sample_sockets_moved}). Then every JVM is stopped by its process id:
 * clients end on their own after their result (SIGKILL if not within a bound), servers get
 * SIGKILL (a memory store has nothing to save); a shutdown hook does the same when this JVM is
 * interrupted or fails.
 *
 * <p>Results: one line per server ({@code measure=server}: its players, heap before and after,
 * bytes per player in {@code bytes_per_game}, RSS, its client's sample moves/s and latency) and a
 * {@code measure=total} line (players requested, connected and failed, servers, setup time, heap
 * growth over all servers per player, RSS of all servers and of all clients).
 *
 * <p>Design note: the driver thread starts, measures and stops everything; one reader thread per
 * client parses its stdout into that client's volatile fields and completes its futures.
 */
final class WebDensityScenario {
    static final String NAME = "web_density";
    /** Descriptors a JVM keeps beside its sockets (jars, selectors, pipes, log files): a bound, not a measurement. */
    static final int FD_HEADROOM = 1_000;
    /** Setup may stall this long (no pair set up on any client) before the run is given up. */
    private static final Duration STALL = Duration.ofSeconds(180);
    /** How long the clients may take to close their sockets and exit before they get SIGKILL. */
    private static final Duration CLIENT_EXIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebDensityScenario() {}

    /**
     * How the players are spread.
     *
     * @param players idle players asked for (even: two per game)
     * @param perJvm most players one server JVM (and one client JVM) holds
     * @param games games per server (and per client), in server order; they sum to players / 2
     */
    record Plan(int players, int perJvm, int[] games) {
        int servers() {
            return games.length;
        }

        /**
         * @param wantedPerJvm the players per JVM asked for (bench/workload.properties)
         * @param fdLimit this JVM's open-file limit, which the child JVMs inherit
         * @throws IllegalArgumentException if players is odd or below 2, or the limit leaves no room for two sockets
         */
        static Plan of(int players, int wantedPerJvm, long fdLimit) {
            if (players < 2 || players % 2 != 0) {
                throw new IllegalArgumentException("players must be even and at least 2 (two per game), got " + players);
            }
            long room = Math.min(wantedPerJvm, fdLimit - FD_HEADROOM);
            int perJvm = (int) (room - room % 2);
            if (perJvm < 2) {
                throw new IllegalArgumentException("an open-file limit of " + fdLimit + " leaves no room for sockets (ulimit -n)");
            }
            int servers = (players + perJvm - 1) / perJvm;
            int games = players / 2;
            int[] split = new int[servers];
            for (int i = 0; i < servers; i++) {
                split[i] = games / servers + (i < games % servers ? 1 : 0);
            }
            return new Plan(players, perJvm, split);
        }
    }

    /** What a run is asked to do. */
    record Sizes(int players, int perJvm, int sampleGames, Duration window, List<String> serverJvm, List<String> clientJvm) {
        static Sizes of(Workload w, boolean quick, Integer players) {
            return new Sizes(players != null ? players : w.count(NAME + ".players", quick), w.count(NAME + ".players_per_jvm", quick),
                    w.count(NAME + ".sample_games", quick), w.window(NAME, quick), split(w.flags(NAME + ".server_jvm")),
                    split(w.flags(NAME + ".client_jvm")));
        }

        private static List<String> split(String flags) {
            return flags.isEmpty() ? List.of() : Arrays.asList(flags.split("\\s+"));
        }
    }

    /** A load client JVM and what its stdout said so far. */
    private static final class Client {
        final Process process;
        final Path log;
        final int games;
        final CompletableFuture<String[]> ready = new CompletableFuture<>();
        final CompletableFuture<JsonNode> result = new CompletableFuture<>();
        volatile long pairsDone;

        Client(Process process, Path log, int games) {
            this.process = process;
            this.log = log;
            this.games = games;
            Thread.ofPlatform().daemon().name("density-client-" + process.pid()).start(this::read);
        }

        private void read() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("setup ")) {
                        pairsDone = Long.parseLong(line.split(" ")[1]);
                    } else if (line.startsWith("ready ")) {
                        ready.complete(line.split(" "));
                    } else if (line.startsWith("{")) {
                        result.complete(JSON.readTree(line));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the client died: the futures below say so
            }
            ready.completeExceptionally(new IllegalStateException("load client " + process.pid() + " ended before it was ready"));
            result.completeExceptionally(new IllegalStateException("load client " + process.pid() + " ended without a result"));
        }

        String tail() {
            try {
                String all = Files.exists(log) ? Files.readString(log) : "";
                return all.substring(Math.max(0, all.length() - 2000));
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }
    }

    static List<ScenarioResult> run(Workload w, boolean quick, Integer players) throws Exception {
        return run(Sizes.of(w, quick, players));
    }

    static List<ScenarioResult> run(Sizes sizes) throws Exception {
        long fdLimit = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean os ? os.getMaxFileDescriptorCount() : 20_000;
        Plan plan = Plan.of(sizes.players(), sizes.perJvm(), fdLimit);
        int k = plan.servers();
        Path dir = Files.createTempDirectory("islands-bench-density");
        System.err.printf(Locale.ROOT, "  %s: %,d players over %d server JVM(s) and %d load client JVM(s), at most %,d sockets"
                + " each (open-file limit %,d); logs in %s (kept if the run fails)%n", NAME, sizes.players(), k, k, plan.perJvm(),
                fdLimit, dir);
        ClusterNodes servers = ClusterNodes.servers(k, dir, sizes.serverJvm(), List.of("--store", "memory:", "--log-level", "warn",
                "--max-sockets-per-address", "1000000", "--games-per-minute", "1000000", "--frames-per-second", "100000"));
        List<Client> clients = new ArrayList<>();
        Thread hook = new Thread(() -> stop(clients, servers), "density-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        List<ScenarioResult> out;
        try {
            out = measure(sizes, plan, servers, clients, dir, fdLimit);
        } finally {
            stop(clients, servers);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // this JVM is shutting down: the hook runs (and finds everything stopped)
            }
        }
        io.islands.bench.chaos.ChaosCommand.deleteTree(dir); // the logs stay only after a failed run
        return out;
    }

    private static List<ScenarioResult> measure(Sizes sizes, Plan plan, ClusterNodes servers, List<Client> clients, Path dir,
            long fdLimit) throws Exception {
        int k = plan.servers();
        servers.startAll();
        long[] heapBefore = new long[k];
        long[] rssBefore = new long[k];
        for (int i = 0; i < k; i++) {
            heapBefore[i] = Heap.liveBytesOf(servers.pid(i));
            rssBefore[i] = Heap.rssOf(servers.pid(i));
            System.err.printf(Locale.ROOT, "  %s: server n%d pid %d port %d: live heap %.1f MB, RSS %.1f MB%n", NAME, i + 1,
                    servers.pid(i), servers.port(i), heapBefore[i] / 1e6, rssBefore[i] / 1e6);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < k; i++) {
            String uri = "ws://127.0.0.1:" + servers.port(i) + "/socket/websocket?vsn=2.0.0";
            Path log = dir.resolve("client-n" + (i + 1) + ".log");
            Process p = new ProcessBuilder(LoadClient.command(sizes.clientJvm(), "game", uri, plan.games()[i],
                    sizes.window().toMillis(), 0, "d")).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            synchronized (clients) {
                clients.add(new Client(p, log, plan.games()[i]));
            }
        }
        int games = plan.players() / 2;
        awaitSetup(clients, servers, games);
        double setupSecs = (System.nanoTime() - t0) / 1e9;
        long[] heapAfter = new long[k];
        long[] rssAfter = new long[k];
        long[] clientRss = new long[k];
        long[] clientHeap = new long[k];
        int[] connected = new int[k];
        for (int i = 0; i < k; i++) {
            connected[i] = Integer.parseInt(clients.get(i).ready.join()[1]);
            heapAfter[i] = Heap.liveBytesOf(servers.pid(i));
            rssAfter[i] = Heap.rssOf(servers.pid(i));
            clientHeap[i] = Heap.liveBytesOf(clients.get(i).process.pid());
            clientRss[i] = Heap.rssOf(clients.get(i).process.pid());
            System.err.printf(Locale.ROOT, "  %s: server n%d: %,d players, live heap %.1f MB (%.1f KB per player), RSS %.1f MB;"
                    + " its client: live heap %.1f MB, RSS %.1f MB%n", NAME, i + 1, connected[i], heapAfter[i] / 1e6,
                    connected[i] == 0 ? 0 : (heapAfter[i] - heapBefore[i]) / 1e3 / connected[i], rssAfter[i] / 1e6,
                    clientHeap[i] / 1e6, clientRss[i] / 1e6);
        }
        int samplePerClient = Math.max(1, (sizes.sampleGames() + k - 1) / k);
        System.err.printf(Locale.ROOT, "  %s: liveness: a heartbeat on every socket, then %s of closed loop on %,d games per client%n",
                NAME, sizes.window(), samplePerClient);
        for (Client c : clients) { // each client's standard input stays open: stop() closes it
            Writer in = new java.io.OutputStreamWriter(c.process.getOutputStream(), StandardCharsets.UTF_8);
            in.write("go " + samplePerClient + "\n");
            in.flush();
        }
        long resultBound = sizes.window().toSeconds() + 2 * LoadClient.SETUP_WAIT_SECONDS + 4 * LoadClient.WAIT_SECONDS + 60;
        List<JsonNode> results = new ArrayList<>();
        for (Client c : clients) {
            try {
                results.add(c.result.get(resultBound, TimeUnit.SECONDS));
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("load client " + c.process.pid() + " gave no result within " + resultBound
                        + " s; its log:\n" + c.tail(), e);
            }
        }
        List<ScenarioResult> out = new ArrayList<>();
        Map<String, Object> common = new LinkedHashMap<>();
        common.put("servers", k);
        common.put("players_per_jvm", plan.perJvm());
        common.put("fd_limit", fdLimit);
        common.put("store", "memory");
        common.put("server_jvm", String.join(" ", sizes.serverJvm()));
        common.put("client_jvm", String.join(" ", sizes.clientJvm()));
        common.put("layout", k + " independent serve JVMs (memory store, no cluster) on 127.0.0.1, one LoadClient JVM per"
                + " server (java.net.http); the client picks the server, as a balancer would");
        common.put("cores", Runtime.getRuntime().availableProcessors());
        common.put("duration_ms", sizes.window().toMillis());
        long moves = 0;
        long errors = 0;
        long timeouts = 0;
        long lost = 0;
        long heartbeatsSent = 0;
        long heartbeatsAnswered = 0;
        long sampleSockets = 0;
        long sampleMoved = 0;
        for (int i = 0; i < k; i++) {
            JsonNode r = results.get(i);
            Map<String, Object> p = new LinkedHashMap<>(common);
            p.put("measure", "server");
            p.put("server", i + 1);
            p.put("n", connected[i]);
            p.put("players_requested", 2 * plan.games()[i]);
            p.put("heap_before_bytes", heapBefore[i]);
            p.put("heap_after_bytes", heapAfter[i]);
            p.put("rss_before_bytes", rssBefore[i]);
            p.put("rss_after_bytes", rssAfter[i]);
            p.put("client_rss_bytes", clientRss[i]);
            p.put("client_heap_bytes", clientHeap[i]);
            p.put("bytes_per", "connected idle player, server side: live heap growth (jcmd GC.class_histogram)");
            for (String key : List.of("setup_seconds", "setup_failures", "setup_retries", "moves", "errors", "timeouts", "closed_by_server",
                    "closed_idle", "pending_at_end", "heartbeats_sent", "heartbeats_answered", "heartbeat_seconds", "sample_pairs",
                    "sample_sockets", "sample_sockets_moved", "seconds", "p90_us", "p999_us", "max_us")) {
                JsonNode v = r.get(key);
                if (v != null && v.isNumber()) {
                    p.put(key, v.numberValue());
                }
            }
            moves += r.path("moves").asLong();
            errors += r.path("errors").asLong();
            timeouts += r.path("timeouts").asLong();
            lost += r.path("closed_idle").asLong() + r.path("closed_by_server").asLong();
            heartbeatsSent += r.path("heartbeats_sent").asLong();
            heartbeatsAnswered += r.path("heartbeats_answered").asLong();
            sampleSockets += r.path("sample_sockets").asLong();
            sampleMoved += r.path("sample_sockets_moved").asLong();
            double secs = r.path("seconds").asDouble();
            out.add(new ScenarioResult(NAME, "islands", secs > 0 ? r.path("moves").asLong() / secs : null, WebScenario.num(r, "p50_us"),
                    WebScenario.num(r, "p99_us"), connected[i] == 0 ? null : (heapAfter[i] - heapBefore[i]) / (double) connected[i], p));
        }
        int total = Arrays.stream(connected).sum();
        long growth = Arrays.stream(heapAfter).sum() - Arrays.stream(heapBefore).sum();
        Map<String, Object> p = new LinkedHashMap<>(common);
        p.put("measure", "total");
        p.put("n", total);
        p.put("players_requested", plan.players());
        p.put("players_failed", plan.players() - total);
        p.put("setup_seconds", setupSecs);
        p.put("heap_growth_bytes", growth);
        p.put("rss_servers_bytes", Arrays.stream(rssAfter).sum());
        p.put("rss_clients_bytes", Arrays.stream(clientRss).sum());
        p.put("heap_clients_bytes", Arrays.stream(clientHeap).sum());
        p.put("moves", moves);
        p.put("errors", errors);
        p.put("timeouts", timeouts);
        p.put("sockets_lost", lost);
        p.put("heartbeats_sent", heartbeatsSent);
        p.put("heartbeats_answered", heartbeatsAnswered);
        p.put("sample_sockets", sampleSockets);
        p.put("sample_sockets_moved", sampleMoved);
        p.put("bytes_per", "connected idle player, server side: live heap growth over all servers (jcmd GC.class_histogram)");
        System.err.printf(Locale.ROOT, "  %s: %,d of %,d players connected over %d servers in %.0f s; %.1f KB of server heap per player;"
                + " RSS %.2f GB servers + %.2f GB clients; heartbeats answered %,d of %,d; sample moves %,d, errors %d, timeouts %d,"
                + " sockets lost %d%n", NAME, total, plan.players(), k, setupSecs, total == 0 ? 0 : growth / 1e3 / total,
                Arrays.stream(rssAfter).sum() / 1e9, Arrays.stream(clientRss).sum() / 1e9, heartbeatsAnswered, heartbeatsSent, moves,
                errors, timeouts, lost);
        out.add(new ScenarioResult(NAME, "islands", null, null, null, total == 0 ? null : growth / (double) total, p));
        return out;
    }

    /**
     * Waits until every client is set up, with a progress bar over all of them.
     *
     * @throws IllegalStateException if a client or server ends first, or no pair is set up for {@link #STALL}
     */
    private static void awaitSetup(List<Client> clients, ClusterNodes servers, int games) throws InterruptedException {
        Progress progress = new Progress("setting up " + games + " games", games);
        long lastDone = -1;
        long lastChange = System.nanoTime();
        for (;;) {
            long done = 0;
            boolean allReady = true;
            for (Client c : clients) {
                done += c.ready.isDone() && !c.ready.isCompletedExceptionally() ? c.games : c.pairsDone;
                if (c.ready.isCompletedExceptionally()) {
                    throw new IllegalStateException("a load client ended during setup; its log:\n" + c.tail());
                }
                allReady &= c.ready.isDone();
            }
            for (int i = 0; i < servers.size(); i++) {
                if (!servers.alive(i)) {
                    throw new IllegalStateException("server n" + (i + 1) + " ended during setup; its log:\n" + servers.tail(i));
                }
            }
            if (allReady) {
                progress.step(games);
                return;
            }
            progress.step(Math.min(done, games - 1));
            long now = System.nanoTime();
            if (done != lastDone) {
                lastDone = done;
                lastChange = now;
            } else if (now - lastChange > STALL.toNanos()) {
                throw new IllegalStateException("setup stalled: no game set up for " + STALL.toSeconds() + " s (" + done + " of "
                        + games + ")");
            }
            Thread.sleep(500); // a progress poll of other processes, not synchronization
        }
    }

    /**
     * Stops every client and server still running, by process id: a client's standard input is
     * closed (after its result it exits by itself; waiting for go, it closes its sockets and
     * exits), then whatever still runs after {@link #CLIENT_EXIT} gets SIGKILL; servers get SIGKILL.
     * Every wait is bounded.
     */
    private static void stop(List<Client> clients, ClusterNodes servers) {
        List<Client> all;
        synchronized (clients) {
            all = List.copyOf(clients);
        }
        for (Client c : all) {
            try {
                c.process.getOutputStream().close();
            } catch (IOException e) {
                // it has ended
            }
        }
        long deadline = System.nanoTime() + CLIENT_EXIT.toNanos();
        for (Client c : all) {
            try {
                if (!c.process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    c.process.destroyForcibly();
                    c.process.waitFor(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                c.process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            servers.close();
        } catch (InterruptedException | RuntimeException e) {
            System.err.println("  " + NAME + ": stopping the servers: " + e);
        }
    }
}
