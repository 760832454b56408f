package io.islands.bench.chaos;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The measuring side of {@code ./islands bench cluster} (issue 17): the cluster chaos's nodes
 * ({@link ClusterNodes}: {@code serve --cluster} child JVMs on loopback) and players
 * ({@link ClusterPlayers}: tables of two players on sockets to random nodes, reacting as the page
 * does: rejoin at once elsewhere, a hung node noticed by its heartbeat within 1 s, the unanswered
 * move sent again with its move id), on one embedded PostgreSQL, without the chaos's random faults:
 *
 * <ol>
 *   <li>one node: the tables play for a warm-up, then a measured window, closed loop: acknowledged
 *       moves/s and each move's latency (push → the pusher's own broadcast);
 *   <li>three nodes (the players' sockets spread over them at random): the same, each move also
 *       classed local (its socket on the game's owner, from {@code islands_owners}) or forwarded;
 *   <li>on the same three nodes, a paced window: each table thinks a while (e.g. 100-200 ms)
 *       before each guess, so that the machine is not saturated and a move's latency is its
 *       own, not the queue's: local and forwarded again ({@code local_paced}, {@code forwarded_paced});
 *   <li>still paced, the SIGTERMs again ({@code terms} of them, after three controls with no
 *       signal): per game, the longest wait of a move begun in the 4 s after the signal
 *       ({@code handoff_term_paced_longest_wait}, {@code control_paced_longest_wait}), a hand-off's
 *       cost on a machine that is not saturated (a paced game's first answered move would count
 *       its think time, so only the waits are kept);
 *   <li>on those three nodes, closed loop again, faults one at a time, each on the next node in
 *       turn: SIGSTOP (SIGCONT once its games moved again), SIGTERM, SIGKILL; for every game the
 *       node owned just before the fault and in play then, the time from the fault to that game's
 *       first answered move pushed after it (after a SIGSTOP: pushed once the signal was sent).
 *       A game without one within 15 s is not resumed, counted by cause: given up by its players
 *       (a step unanswered for a minute), ended (won by a move settled without its own
 *       acknowledgement), or stalled (still in play: the log gives what its players last saw and
 *       which node they tried). A node stopped or killed is started again before the next fault
 *       (not after the last one).
 * </ol>
 *
 * <p>Design note: the calling thread owns PostgreSQL, the nodes and the faults; each table is a
 * virtual thread; one platform thread reads the owners table every 200 ms into a volatile map the
 * tables' {@link ClusterPlayers.MoveTimer} reads; samples go to concurrent queues and are read
 * after the window closed.
 */
public final class ClusterBench {
    /** A fault line's signal time: the nodes' log pattern's {@code HH:mm:ss.SSS}, always 12 characters. */
    private static final java.time.format.DateTimeFormatter SIGNAL_CLOCK = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    /** How long a fault's games get to move again before they count as not resumed. */
    private static final Duration RESUME = Duration.ofSeconds(15);
    /** The controls (a fault with no signal) before the SIGTERMs, closed loop and paced alike. */
    private static final int CONTROLS = 3;
    /**
     * A game slower than this to move again after a fault gets its trail logged: the target
     * after a hang, or the system property {@code islands.bench.cluster.trail_ms} (to trace faster faults).
     */
    private static final Duration SLOW = Duration.ofMillis(Long.getLong("islands.bench.cluster.trail_ms", 5000));
    /**
     * After a SIGTERM (or a control), a game whose longest move wait is above this gets its trail
     * logged: the target for a planned stop, or {@code islands.bench.cluster.wait_trail_ms}.
     */
    private static final Duration LONG_WAIT = Duration.ofMillis(Long.getLong("islands.bench.cluster.wait_trail_ms", 200));

    /**
     * @param tables tables of two players playing at the same time (1..200)
     * @param window each closed-loop window (moves/s and latencies)
     * @param pacedWindow the paced window on 3 nodes (zero: none)
     * @param thinkMinMs each table's think before a guess in the paced window, from this (0..60,000 ms)
     * @param thinkMaxMs to this (uniform; at least thinkMinMs)
     * @param kills SIGKILLs; terms: SIGTERMs; pauses: SIGSTOPs (each 0..100)
     * @param settle after a node was started again (or woken), how long the tables play on before
     *     the next fault (0..60 s): each fault then starts from a cluster whose nodes have warmed
     *     up, not one that is a few milliseconds old (a fresh JVM interprets its first requests)
     * @param seed seeds the players' sockets' nodes and cells
     * @param workDir the nodes' logs and PostgreSQL's data (deleted after a run that ends without an
     *     exception, unless the system property {@code islands.bench.cluster.keep} is true)
     */
    public record BenchSizes(int tables, Duration window, Duration pacedWindow, int thinkMinMs, int thinkMaxMs, int kills,
            int terms, int pauses, Duration settle, long seed, Path workDir) {
        public BenchSizes {
            if (tables < 1 || tables > 200 || kills < 0 || kills > 100 || terms < 0 || terms > 100 || pauses < 0
                    || pauses > 100 || settle.isNegative() || settle.compareTo(Duration.ofMinutes(1)) > 0 || window.isNegative() || window.isZero() || pacedWindow.isNegative()
                    || thinkMinMs < 0 || thinkMaxMs < thinkMinMs || thinkMaxMs > 60_000) {
                throw new IllegalArgumentException("bad cluster bench options: " + tables + " tables, " + window + ", paced "
                        + pacedWindow + " thinking " + thinkMinMs + ".." + thinkMaxMs + " ms, " + kills + " kills, " + terms
                        + " terms, " + pauses + " pauses, settling " + settle);
            }
        }
    }

    /**
     * One measured figure.
     *
     * @param name {@code moves} (all moves of a window), {@code local}, {@code forwarded},
     *     {@code local_paced}, {@code forwarded_paced}, {@code failover_kill}, {@code handoff_term},
     *     {@code failover_pause}, {@code control} (no signal); {@code handoff_term_longest_wait} and
     *     {@code control_longest_wait} (per game, its longest wait of a move in the 4 s after the
     *     signal); {@code handoff_term_paced_longest_wait} and {@code control_paced_longest_wait}
     *     (the same while the tables think)
     * @param nodes the cluster's size
     * @param moves the moves acknowledged in the window (0 for the faults)
     * @param seconds the window (0 for the faults)
     * @param nanos the samples: move latencies, or fault → first answered move per game
     * @param params what else it says (games owned, not resumed by cause, restart times; think times)
     */
    public record Measure(String name, int nodes, long moves, double seconds, long[] nanos, Map<String, Object> params) {}

    /** The faults; NONE is the control: the same watch and timings with no signal sent. */
    private enum Kind { NONE, PAUSE, TERM, KILL }

    private ClusterBench() {}

    /**
     * Runs the three parts. @param log gets a line per step
     * @return the measures, in the order above
     * @throws IOException if PostgreSQL or a node does not start
     */
    public static List<Measure> run(BenchSizes o, Consumer<String> log) throws IOException, InterruptedException, SQLException {
        Files.createDirectories(o.workDir());
        int pgPort;
        try (ServerSocket s = new ServerSocket(0)) {
            pgPort = s.getLocalPort();
        }
        List<Measure> out = new ArrayList<>();
        try (EmbeddedPostgres pg = ClusterChaos.startPostgres(o.workDir(), pgPort);
                HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
                        .connectTimeout(Duration.ofSeconds(3)).build()) {
            SplittableRandom random = new SplittableRandom(o.seed());
            for (int nodeCount : new int[] {1, 3}) {
                String url = ClusterChaos.jdbc(pgPort, "n" + nodeCount);
                try (Connection c = DriverManager.getConnection(ClusterChaos.jdbc(pgPort, "public"));
                        Statement st = c.createStatement()) {
                    st.execute("CREATE SCHEMA n" + nodeCount);
                }
                log.accept("starting " + nodeCount + (nodeCount == 1 ? " node" : " nodes") + "...");
                try (ClusterNodes nodes = new ClusterNodes(nodeCount, url, o.workDir().resolve("n" + nodeCount));
                        Play play = new Play(nodes, url, http, random.split(), o.tables())) {
                    nodes.startAll();
                    play.start();
                    out.addAll(play.window(o.window(), log));
                    if (nodeCount == 3 && !o.pacedWindow().isZero()) {
                        ClusterPlayers.Think think = new ClusterPlayers.Think(o.thinkMinMs(), o.thinkMaxMs());
                        out.addAll(play.paced(o.pacedWindow(), think, log));
                        if (o.terms() > 0) {
                            out.addAll(play.pacedTerms(o.terms(), think, o.settle(), log));
                        }
                    }
                    if (nodeCount == 3) {
                        List<Kind> faults = new ArrayList<>();
                        if (o.terms() > 0) { // the control for SIGTERM's longest wait: what a move waits with no fault
                            faults.addAll(java.util.Collections.nCopies(CONTROLS, Kind.NONE));
                        }
                        faults.addAll(java.util.Collections.nCopies(o.pauses(), Kind.PAUSE));
                        faults.addAll(java.util.Collections.nCopies(o.terms(), Kind.TERM));
                        faults.addAll(java.util.Collections.nCopies(o.kills(), Kind.KILL));
                        out.addAll(play.faults(faults, o.settle(), "", true, log));
                    }
                }
            }
        }
        if (Boolean.getBoolean("islands.bench.cluster.keep")) {
            log.accept("work dir kept (islands.bench.cluster.keep): " + o.workDir());
        } else {
            ChaosCommand.deleteTree(o.workDir());
        }
        return out;
    }

    /** The tables playing on one cluster, the owners' reader, and the timings. */
    private static final class Play implements ClusterPlayers.MoveTimer, AutoCloseable {
        private final ClusterNodes nodes;
        private final String url;
        private final HttpClient http;
        private final SplittableRandom random;
        private final int tableCount;
        private final ClusterPlayers.Tally tally = new ClusterPlayers.Tally();
        private final List<ClusterPlayers> tables = new ArrayList<>();
        private final List<Thread> threads = new ArrayList<>();
        private volatile Map<String, String> owners = Map.of();
        private volatile boolean measuring;
        private final ConcurrentLinkedQueue<Long> all = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Long> local = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Long> forwarded = new ConcurrentLinkedQueue<>();
        private Thread ownersReader;

        Play(ClusterNodes nodes, String url, HttpClient http, SplittableRandom random, int tableCount) {
            this.nodes = nodes;
            this.url = url;
            this.http = http;
            this.random = random;
            this.tableCount = tableCount;
        }

        void start() {
            tally.timer = this;
            for (int t = 0; t < tableCount; t++) {
                ClusterPlayers p = new ClusterPlayers(t, nodes, http, random.split(), tally);
                tables.add(p);
                threads.add(Thread.ofVirtual().name("bench-cluster-table-" + t).start(p));
            }
            ownersReader = Thread.ofPlatform().daemon().name("bench-cluster-owners").start(this::readOwners);
        }

        @Override
        public void acknowledged(String game, int node, long nanos) {
            if (!measuring) {
                return;
            }
            all.add(nanos);
            String owner = owners.get(game);
            if (owner != null) {
                (owner.equals(nodes.name(node)) ? local : forwarded).add(nanos);
            }
        }

        /** Warm-up (a third of the window, at most 3 s), then the window. @return all moves, and local/forwarded on 3 nodes */
        List<Measure> window(Duration window, Consumer<String> log) throws InterruptedException {
            Thread.sleep(Math.min(3000, window.toMillis() / 3));
            Window w = measure(window);
            int n = nodes.size();
            log.accept(String.format(Locale.ROOT, "%d node(s): %d moves in %.1f s (%.0f/s); local %d, forwarded %d; "
                    + "so far: games started %d, given up %d, rejoins %d, sockets left as hung %d", n, w.all.length, w.seconds,
                    w.all.length / w.seconds, w.local.length, w.forwarded.length, tally.started.get(), tally.abandoned.get(),
                    tally.reconnects.get(), tally.hungSockets.get()));
            Map<String, Object> p = Map.of("tables", tableCount, "abandoned", tally.abandoned.get());
            List<Measure> out = new ArrayList<>(List.of(new Measure("moves", n, w.all.length, w.seconds, w.all, p)));
            if (n > 1) {
                out.add(new Measure("local", n, w.local.length, w.seconds, w.local, p));
                out.add(new Measure("forwarded", n, w.forwarded.length, w.seconds, w.forwarded, p));
            }
            return out;
        }

        /**
         * The tables think {@code think} before each guess: a warm-up (a second and the longest
         * think, so that every table is paced), the window, then closed loop again.
         *
         * @return local_paced and forwarded_paced (their params: the think and the window's moves/s)
         */
        List<Measure> paced(Duration window, ClusterPlayers.Think think, Consumer<String> log) throws InterruptedException {
            try {
                pace(think);
                Window w = measure(window);
                int n = nodes.size();
                log.accept(String.format(Locale.ROOT, "%d node(s), paced (think %d-%d ms): %d moves in %.1f s (%.0f/s); "
                        + "local %d, forwarded %d", n, think.minMs(), think.maxMs(), w.all.length, w.seconds,
                        w.all.length / w.seconds, w.local.length, w.forwarded.length));
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("tables", tableCount);
                p.put("think_ms", think.minMs() + "-" + think.maxMs());
                p.put("moves_per_s", Math.round(w.all.length / w.seconds));
                return List.of(new Measure("local_paced", n, w.local.length, w.seconds, w.local, p),
                        new Measure("forwarded_paced", n, w.forwarded.length, w.seconds, w.forwarded, p));
            } finally {
                tally.think = null;
            }
        }

        /**
         * While the tables think {@code think} before each guess: three controls, then {@code terms}
         * SIGTERMs (each node started again after its stop, the last one too), then closed loop again.
         *
         * @return control_paced_longest_wait and handoff_term_paced_longest_wait
         */
        List<Measure> pacedTerms(int terms, ClusterPlayers.Think think, Duration settle, Consumer<String> log)
                throws IOException, InterruptedException {
            try {
                pace(think);
                List<Kind> faults = new ArrayList<>(java.util.Collections.nCopies(CONTROLS, Kind.NONE));
                faults.addAll(java.util.Collections.nCopies(terms, Kind.TERM));
                return faults(faults, settle, "_paced", false, log).stream().filter(m -> m.name().endsWith("_longest_wait"))
                        .toList();
            } finally {
                tally.think = null;
            }
        }

        /**
         * The tables think {@code think} before each guess from now on; returns once every table is
         * paced (a second and the longest think). The caller sets {@code tally.think} back to null.
         */
        private void pace(ClusterPlayers.Think think) throws InterruptedException {
            tally.think = think;
            Thread.sleep(1000 + think.maxMs());
        }

        private record Window(double seconds, long[] all, long[] local, long[] forwarded) {}

        private Window measure(Duration window) throws InterruptedException {
            all.clear();
            local.clear();
            forwarded.clear();
            measuring = true;
            long t0 = System.nanoTime();
            Thread.sleep(window.toMillis());
            measuring = false;
            return new Window((System.nanoTime() - t0) / 1e9, longs(all), longs(local), longs(forwarded));
        }

        /** Per kind of fault: the games owned, why those not resumed were not, the restarts. */
        private static final class FaultCounts {
            long faults;
            long owned;
            long givenUp;
            long ended;
            long stalled;
            long restartMs;
            long restarts;
            final List<Long> samples = new ArrayList<>();
            /** SIGTERM and the control only: per game, the longest wait of a move begun in the wait window. */
            final List<Long> longestWaits = new ArrayList<>();
        }

        /**
         * @param suffix appended to each measure's name (and to each log line's fault)
         * @param lastStaysDown whether the node of the last fault is left stopped (the run's end), or started again
         * @return one measure per kind of fault injected: fault → first answered move of each game the node owned
         */
        List<Measure> faults(List<Kind> faults, Duration settle, String suffix, boolean lastStaysDown, Consumer<String> log)
                throws IOException, InterruptedException {
            Map<Kind, FaultCounts> counts = new LinkedHashMap<>();
            for (int k = 0; k < faults.size(); k++) {
                Kind kind = faults.get(k);
                boolean goesOn = k < faults.size() - 1 || !lastStaysDown; // the node is started again, the tables settle
                int i = k % nodes.size();
                String name = nodes.name(i);
                Set<String> owned = new java.util.HashSet<>();
                try {
                    owned.addAll(ClusterChaos.ownedBy(url, name));
                    owned.retainAll(Set.copyOf(tally.playing)); // not the games that ended before
                } catch (SQLException e) {
                    throw new IOException("the games of " + name + " could not be read: " + e.getMessage(), e);
                }
                tally.watch(Set.copyOf(owned));
                // the signal's wall clock, in the nodes' logs' format, so that a trail's +ms can be read against their logs
                String signalAt = SIGNAL_CLOCK.format(java.time.LocalTime.now(java.time.ZoneOffset.UTC));
                switch (kind) {
                    case PAUSE -> {
                        nodes.pause(i); // returns once the signal was sent: moves pushed before it may still be answered
                        tally.pushedAfter = System.nanoTime();
                    }
                    case TERM -> nodes.term(i);
                    case KILL -> nodes.kill(i);
                    case NONE -> { }
                }
                long deadline = System.nanoTime() + RESUME.toNanos();
                while (System.nanoTime() < deadline
                        && !owned.stream().allMatch(g -> tally.failovers.containsKey(g) || !tally.playing.contains(g))) {
                    Thread.sleep(20);
                }
                if (kind == Kind.TERM || kind == Kind.NONE) { // every move begun in the wait window gets its answer counted
                    long until = tally.killedAt + ClusterPlayers.WAIT_WINDOW.plusMillis(500).toNanos();
                    while (System.nanoTime() - until < 0) {
                        Thread.sleep(20);
                    }
                }
                Map<String, Long> got = Map.copyOf(tally.failovers);
                Map<String, Long> waits = Map.copyOf(tally.longestWaits);
                Map<String, String> endings = Map.copyOf(tally.endings);
                Map<String, String> trails = new HashMap<>();
                tally.trails.forEach((g, t) -> trails.put(g, t.toString()));
                tally.killedOwned = Set.of();
                FaultCounts c = counts.computeIfAbsent(kind, x -> new FaultCounts());
                c.faults++;
                c.samples.addAll(got.values());
                owned.stream().filter(waits::containsKey).forEach(g -> c.longestWaits.add(waits.get(g)));
                c.owned += owned.size();
                List<String> why = new ArrayList<>();
                for (String g : owned.stream().filter(g -> !got.containsKey(g)).sorted().toList()) {
                    String ending = endings.get(g);
                    String cause;
                    if (ending == null) {
                        c.stalled++;
                        cause = "stalled";
                    } else if (ending.startsWith("given up")) {
                        c.givenUp++;
                        cause = "given up";
                    } else {
                        c.ended++;
                        cause = "ended (" + ending + ")";
                    }
                    why.add(g + " " + cause + (ending != null && ending.startsWith("given up") ? ": " + ending : "") + "; "
                            + trails.getOrDefault(g, "its players ran into nothing"));
                }
                long max = got.values().stream().mapToLong(Long::longValue).max().orElse(0);
                String line = String.format(Locale.ROOT, "%s%s %s (signal at %s UTC): %d games owned, %d moved again, slowest %d ms",
                        kind, suffix, name, signalAt, owned.size(), got.size(), max / 1_000_000);
                if (kind == Kind.TERM || kind == Kind.NONE) {
                    line += String.format(Locale.ROOT, ", longest wait of a move %d ms",
                            waits.values().stream().mapToLong(Long::longValue).max().orElse(0) / 1_000_000);
                }
                if (!why.isEmpty()) {
                    line += "; not: " + why.size();
                }
                // The slowest game's trail when it took longer than the hang target: what its players ran into.
                Optional<Map.Entry<String, Long>> slowest = got.entrySet().stream().max(Map.Entry.comparingByValue());
                if (slowest.isPresent() && slowest.get().getValue() > SLOW.toNanos()) {
                    line += "; slowest " + slowest.get().getKey() + ": "
                            + trails.getOrDefault(slowest.get().getKey(), "its players ran into nothing");
                }
                // After a SIGTERM, the game that waited longest when it waited above the target: where its wait went.
                Optional<Map.Entry<String, Long>> longest = waits.entrySet().stream().max(Map.Entry.comparingByValue());
                if ((kind == Kind.TERM || kind == Kind.NONE) && longest.isPresent() && longest.get().getValue() > LONG_WAIT.toNanos()) {
                    line += "; longest wait " + longest.get().getKey() + ": "
                            + trails.getOrDefault(longest.get().getKey(), "its players ran into nothing");
                }
                if (kind == Kind.PAUSE) {
                    nodes.resume(i);
                } else if (kind != Kind.NONE && goesOn) {
                    long t0 = System.nanoTime();
                    nodes.restart(i);
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    c.restartMs += ms;
                    c.restarts++;
                    line += "; started again in " + ms + " ms";
                }
                log.accept(line);
                why.forEach(w -> log.accept("  not resumed within " + RESUME.toSeconds() + " s: " + w));
                if (goesOn) {
                    Thread.sleep(settle.toMillis()); // the tables play on: the node started again warms up
                }
            }
            synchronized (tally.whyAbandoned) {
                tally.whyAbandoned.forEach(w -> log.accept("a game given up by its players: " + w));
            }
            log.accept("players, the run so far: rejoins " + tally.reconnects.get() + ", sockets left as hung (no heartbeat reply"
                    + " within " + ClusterPlayers.SILENCE.toMillis() + " ms) " + tally.hungSockets.get() + ", moves sent again "
                    + tally.unknown.get() + ", found applied (a retry replayed, or a view) " + tally.foundApplied.get());
            List<Measure> out = new ArrayList<>();
            for (Map.Entry<Kind, FaultCounts> e : counts.entrySet()) {
                FaultCounts c = e.getValue();
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("faults", c.faults);
                p.put("games_owned", c.owned);
                p.put("not_resumed", c.givenUp + c.ended + c.stalled);
                p.put("not_resumed_given_up", c.givenUp);
                p.put("not_resumed_ended", c.ended);
                p.put("not_resumed_stalled", c.stalled);
                p.put("resume_limit_ms", RESUME.toMillis());
                p.put("abandoned", tally.abandoned.get()); // games given up by their players, the whole run
                if (c.restarts > 0) {
                    p.put("restart_mean_ms", c.restartMs / c.restarts);
                }
                String name = switch (e.getKey()) {
                    case NONE -> "control";
                    case PAUSE -> "failover_pause";
                    case TERM -> "handoff_term";
                    case KILL -> "failover_kill";
                } + suffix;
                out.add(new Measure(name, nodes.size(), 0, 0, c.samples.stream().mapToLong(Long::longValue).toArray(), p));
                if (e.getKey() == Kind.TERM || e.getKey() == Kind.NONE) {
                    Map<String, Object> q = new LinkedHashMap<>(p);
                    q.put("wait_window_ms", ClusterPlayers.WAIT_WINDOW.toMillis());
                    out.add(new Measure(name + "_longest_wait", nodes.size(), 0, 0,
                            c.longestWaits.stream().mapToLong(Long::longValue).toArray(), q));
                }
            }
            return out;
        }

        /** Every 200 ms: islands_owners (game → node) into {@link #owners}, until interrupted; errors skip a round. */
        private void readOwners() {
            ClusterChaos.poll(url, 200, c -> {
                Map<String, String> m = new HashMap<>();
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT game, node FROM islands_owners")) {
                    while (r.next()) {
                        m.put(r.getString(1), r.getString(2));
                    }
                }
                owners = m;
            });
        }

        /** Stops the tables (each finishes its move, at most 30 s) and the owners' reader. */
        @Override
        public void close() throws InterruptedException {
            tally.timer = null;
            tables.forEach(ClusterPlayers::stop);
            for (Thread t : threads) {
                t.join(Duration.ofSeconds(30));
            }
            if (ownersReader != null) {
                ownersReader.interrupt();
                ownersReader.join(Duration.ofSeconds(10));
            }
        }

        private static long[] longs(ConcurrentLinkedQueue<Long> q) {
            return q.stream().mapToLong(Long::longValue).toArray();
        }
    }
}
