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
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The measuring side of {@code ./islands bench cluster} (issue 17): the cluster chaos's nodes
 * ({@link ClusterNodes}: {@code serve --cluster} child JVMs on loopback) and players
 * ({@link ClusterPlayers}: tables of two players on sockets to random nodes, closed loop), on one
 * embedded PostgreSQL, without the chaos's random faults:
 *
 * <ol>
 *   <li>one node: the tables play for a warm-up, then a measured window: acknowledged moves/s and
 *       each move's latency (push → the pusher's own broadcast);
 *   <li>three nodes (the players' sockets spread over them at random): the same, each move also
 *       classed local (its socket on the game's owner, from {@code islands_owners}) or forwarded;
 *   <li>on those three nodes, faults one at a time, each on the next node in turn: SIGSTOP (SIGCONT
 *       once its games moved again), SIGTERM, SIGKILL; for every game the node owned just before
 *       the fault and in play then, the time from the fault to that game's first acknowledged
 *       move pushed after it (after a SIGSTOP: pushed once the signal was sent). A game with none
 *       within 15 s, or given up by its players first (the chaos players give up a game whose
 *       setup step failed: a fault during setup), is counted {@code not_resumed}.
 *       A node stopped or killed is started again before the next fault (not after the last one).
 * </ol>
 *
 * <p>Design note: the calling thread owns PostgreSQL, the nodes and the faults; each table is a
 * virtual thread; one platform thread reads the owners table every 200 ms into a volatile map the
 * tables' {@link ClusterPlayers.MoveTimer} reads; samples go to concurrent queues and are read
 * after the window closed.
 */
public final class ClusterBench {
    /** How long a fault's games get to move again before they count as not resumed. */
    private static final Duration RESUME = Duration.ofSeconds(15);

    /**
     * @param tables tables of two players playing at the same time (1..200)
     * @param window each measured window (moves/s and latencies)
     * @param kills SIGKILLs; terms: SIGTERMs; pauses: SIGSTOPs (each 0..100)
     * @param seed seeds the players' sockets' nodes and cells
     * @param workDir the nodes' logs and PostgreSQL's data (deleted after a run that ends without an exception)
     */
    public record BenchSizes(int tables, Duration window, int kills, int terms, int pauses, long seed, Path workDir) {
        public BenchSizes {
            if (tables < 1 || tables > 200 || kills < 0 || kills > 100 || terms < 0 || terms > 100 || pauses < 0
                    || pauses > 100 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("bad cluster bench options: " + tables + " tables, " + window + ", "
                        + kills + " kills, " + terms + " terms, " + pauses + " pauses");
            }
        }
    }

    /**
     * One measured figure.
     *
     * @param name {@code moves} (all moves of a window), {@code local}, {@code forwarded},
     *     {@code failover_kill}, {@code handoff_term} or {@code failover_pause}
     * @param nodes the cluster's size
     * @param moves the moves acknowledged in the window (0 for the faults)
     * @param seconds the window (0 for the faults)
     * @param nanos the samples: move latencies, or fault → first acknowledged move per game
     * @param params what else it says (games owned, not resumed, restart times)
     */
    public record Measure(String name, int nodes, long moves, double seconds, long[] nanos, Map<String, Object> params) {}

    private enum Kind { PAUSE, TERM, KILL }

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
                    if (nodeCount == 3) {
                        List<Kind> faults = new ArrayList<>();
                        faults.addAll(java.util.Collections.nCopies(o.pauses(), Kind.PAUSE));
                        faults.addAll(java.util.Collections.nCopies(o.terms(), Kind.TERM));
                        faults.addAll(java.util.Collections.nCopies(o.kills(), Kind.KILL));
                        out.addAll(play.faults(faults, log));
                    }
                }
            }
        }
        ChaosCommand.deleteTree(o.workDir());
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
            measuring = true;
            long t0 = System.nanoTime();
            Thread.sleep(window.toMillis());
            measuring = false;
            double seconds = (System.nanoTime() - t0) / 1e9;
            long moves = all.size();
            int n = nodes.size();
            log.accept(String.format(Locale.ROOT, "%d node(s): %d moves in %.1f s (%.0f/s); local %d, forwarded %d, "
                    + "abandoned games %d", n, moves, seconds, moves / seconds, local.size(), forwarded.size(),
                    tally.abandoned.get()));
            Map<String, Object> p = Map.of("tables", tableCount, "abandoned", tally.abandoned.get());
            List<Measure> out = new ArrayList<>(List.of(new Measure("moves", n, moves, seconds, longs(all), p)));
            if (n > 1) {
                out.add(new Measure("local", n, local.size(), seconds, longs(local), p));
                out.add(new Measure("forwarded", n, forwarded.size(), seconds, longs(forwarded), p));
            }
            return out;
        }

        /** @return one measure per kind of fault injected: fault → first acknowledged move of each game the node owned */
        List<Measure> faults(List<Kind> faults, Consumer<String> log) throws IOException, InterruptedException {
            Map<Kind, List<Long>> samples = new LinkedHashMap<>();
            Map<Kind, long[]> counts = new HashMap<>(); // owned, not resumed, restart ms total, restarts
            for (int k = 0; k < faults.size(); k++) {
                Kind kind = faults.get(k);
                int i = k % nodes.size();
                String name = nodes.name(i);
                Set<String> owned = new java.util.HashSet<>();
                try {
                    owned.addAll(ClusterChaos.ownedBy(url, name));
                    owned.retainAll(Set.copyOf(tally.playing)); // not the games that ended before
                } catch (SQLException e) {
                    throw new IOException("the games of " + name + " could not be read: " + e.getMessage(), e);
                }
                tally.failovers.clear();
                tally.killedAt = System.nanoTime();
                tally.killedOwned = owned;
                tally.pushedAfter = tally.killedAt;
                switch (kind) {
                    case PAUSE -> {
                        nodes.pause(i); // returns once the signal was sent: moves pushed before it may still be answered
                        tally.pushedAfter = System.nanoTime();
                    }
                    case TERM -> nodes.term(i);
                    case KILL -> nodes.kill(i);
                }
                long deadline = System.nanoTime() + RESUME.toNanos();
                while (System.nanoTime() < deadline
                        && !owned.stream().allMatch(g -> tally.failovers.containsKey(g) || !tally.playing.contains(g))) {
                    Thread.sleep(20);
                }
                tally.killedOwned = Set.of();
                Map<String, Long> got = Map.copyOf(tally.failovers);
                samples.computeIfAbsent(kind, x -> new ArrayList<>()).addAll(got.values());
                long[] c = counts.computeIfAbsent(kind, x -> new long[4]);
                c[0] += owned.size();
                c[1] += owned.size() - got.size();
                long max = got.values().stream().mapToLong(Long::longValue).max().orElse(0);
                String line = String.format(Locale.ROOT, "%s %s: %d games owned, %d moved again, slowest %d ms", kind, name,
                        owned.size(), got.size(), max / 1_000_000);
                if (got.size() < owned.size()) {
                    line += "; not: " + owned.stream().filter(g -> !got.containsKey(g)).sorted().toList();
                }
                if (kind == Kind.PAUSE) {
                    nodes.resume(i);
                } else if (k < faults.size() - 1) {
                    long t0 = System.nanoTime();
                    nodes.restart(i);
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    c[2] += ms;
                    c[3]++;
                    line += "; started again in " + ms + " ms";
                }
                log.accept(line);
            }
            synchronized (tally.whyAbandoned) {
                tally.whyAbandoned.forEach(w -> log.accept("a game given up by its players: " + w));
            }
            List<Measure> out = new ArrayList<>();
            for (Kind kind : Kind.values()) {
                if (!counts.containsKey(kind)) {
                    continue;
                }
                long[] c = counts.get(kind);
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("faults", faults.stream().filter(kind::equals).count());
                p.put("games_owned", c[0]);
                p.put("not_resumed", c[1]);
                p.put("resume_limit_ms", RESUME.toMillis());
                p.put("abandoned", tally.abandoned.get()); // games given up by their players, the whole run
                if (c[3] > 0) {
                    p.put("restart_mean_ms", c[2] / c[3]);
                }
                String name = switch (kind) {
                    case PAUSE -> "failover_pause";
                    case TERM -> "handoff_term";
                    case KILL -> "failover_kill";
                };
                out.add(new Measure(name, nodes.size(), 0, 0, samples.get(kind).stream().mapToLong(Long::longValue).toArray(), p));
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
