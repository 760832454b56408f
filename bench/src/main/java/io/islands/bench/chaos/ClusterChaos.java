package io.islands.bench.chaos;

import io.islands.engine.game.Coordinate;
import io.islands.engine.game.GameState;
import io.islands.engine.game.Guesses;
import io.islands.server.game.GameStateCodec;
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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The cluster chaos: an embedded PostgreSQL, N {@code serve --cluster} nodes ({@link ClusterNodes})
 * and G tables of two players ({@link ClusterPlayers}) on sockets to random nodes, while faults
 * come one at a time at seeded random moments (the first ones one of each kind): SIGKILL of a
 * node (then started again), SIGSTOP and SIGCONT 1-6 s later, SIGTERM (then started again), a
 * node cut off from the others' JGroups messages until it sees itself alone (at most 10 s) and 1-3 s more
 * (its admin hook), and a restart of
 * PostgreSQL; one of each kind even if that takes longer than the duration, then
 * random ones until it ends. Then the players stop and the check runs against the database:
 *
 * <ul>
 *   <li>every guess a player saw acknowledged (or found applied after an unknown outcome) is in
 *       the game's newest stored state (else: lost);
 *   <li>every guess in a stored state was sent by that player (else: out of nowhere; each player
 *       sends each cell once, a retry with the same move id, so a retry applied twice would also
 *       take a turn and show as a rules refusal);
 *   <li>fences: in every game's versions (sampled every 0.5 s during the run, and at the end), the
 *       fence never decreases as the revision grows, every version has one (> 0), and none is above
 *       the game's owner row's fence (a commit by a stale fence breaks the first).
 * </ul>
 *
 * <p>Design note: the calling thread owns the nodes, PostgreSQL and the fault schedule; each
 * table is a virtual thread of its own; one platform thread samples the versions table into a
 * map guarded by its own monitor. Players see nodes only through {@link ClusterNodes#port}.
 */
final class ClusterChaos {
    private static final String SCHEMA = "chaos";

    /**
     * @param nodes cluster nodes (2..5)
     * @param tables tables of two players playing at the same time
     * @param seed seeds the faults and the moves (the order of answers still depends on timing)
     * @param duration how long faults are injected
     * @param faults the kinds to inject (a subset of {@link Fault#CLUSTER})
     * @param workDir the nodes' logs and PostgreSQL's data
     */
    record Options(int nodes, int tables, long seed, Duration duration, Set<Fault> faults, Path workDir) {
        Options {
            faults = Set.copyOf(faults);
            Objects.requireNonNull(workDir, "workDir");
            if (!Fault.CLUSTER.containsAll(faults) || faults.isEmpty()) {
                throw new IllegalArgumentException("cluster faults are " + Fault.CLUSTER + ", got " + faults);
            }
        }
    }

    private final Options options;
    private final SplittableRandom random;
    private final Map<Fault, Long> injected = new EnumMap<>(Fault.class);
    private final List<String> notes = new ArrayList<>();
    private final ClusterPlayers.Tally tally = new ClusterPlayers.Tally();
    /** game → revision → fence, as sampled; guarded by itself. */
    private final Map<String, TreeMap<Long, Long>> versions = new HashMap<>();
    private final List<String> fenceProblems = new ArrayList<>();
    /** Kill → first answered move, in ms, of each game a SIGKILLed node owned (driver thread only). */
    private final List<Double> failoverMillis = new ArrayList<>();
    private long failoverGames;
    private EmbeddedPostgres pg;
    private int pgPort;
    private String url;
    private long started;

    private ClusterChaos(Options options) {
        this.options = options;
        this.random = new SplittableRandom(options.seed());
    }

    /**
     * Runs it all and checks. @param log gets one line per fault and the start-up steps
     * @param progress gets a snapshot about every 3 s
     * @return the report after the check
     * @throws IOException if PostgreSQL or a node cannot start
     */
    static ClusterReport run(Options options, Consumer<String> log, Consumer<ClusterReport> progress)
            throws IOException, InterruptedException, SQLException {
        return new ClusterChaos(options).go(log, progress);
    }

    private ClusterReport go(Consumer<String> log, Consumer<ClusterReport> progress)
            throws IOException, InterruptedException, SQLException {
        Files.createDirectories(options.workDir());
        try (ServerSocket s = new ServerSocket(0)) {
            pgPort = s.getLocalPort();
        }
        startPostgres();
        try (Connection c = DriverManager.getConnection(jdbc("postgres")); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + SCHEMA);
        }
        url = jdbc(SCHEMA);
        log.accept("PostgreSQL on 127.0.0.1:" + pgPort + "; starting " + options.nodes() + " nodes...");
        List<ClusterPlayers> tables = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        Thread sampler = null;
        try (ClusterNodes nodes = new ClusterNodes(options.nodes(), url, options.workDir());
                HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
                        .connectTimeout(Duration.ofSeconds(3)).build()) {
            nodes.startAll();
            started = System.nanoTime();
            log.accept(options.nodes() + " nodes up; " + options.tables() + " tables playing");
            for (int t = 0; t < options.tables(); t++) {
                ClusterPlayers p = new ClusterPlayers(t, nodes, http, random.split(), tally);
                tables.add(p);
                threads.add(Thread.ofVirtual().name("chaos-table-" + t).start(p));
            }
            Thread s = Thread.ofPlatform().daemon().name("chaos-fence-sampler").start(this::sample);
            sampler = s;
            faults(nodes, log, progress);
            tables.forEach(ClusterPlayers::stop);
            for (int i = 0; i < threads.size(); i++) {
                if (!threads.get(i).join(Duration.ofSeconds(90))) {
                    notes.add("table " + i + " did not end within 90 s of the stop; its games are checked as they are");
                }
            }
            s.interrupt();
            s.join(Duration.ofSeconds(10));
            log.accept("players stopped; checking every game in the database...");
            tally.whyAbandoned.forEach(w -> notes.add("a game given up: " + w));
            return check(tables);
        } finally {
            if (sampler != null) {
                sampler.interrupt();
            }
            if (pg != null) {
                pg.close();
            }
        }
    }

    // ---- faults ----------------------------------------------------------------------------

    private void faults(ClusterNodes nodes, Consumer<String> log, Consumer<ClusterReport> progress)
            throws IOException, InterruptedException {
        List<Fault> first = new ArrayList<>(Fault.CLUSTER.stream().filter(options.faults()::contains).toList());
        for (int i = first.size() - 1; i > 0; i--) { // seeded shuffle: the first faults, one of each kind
            int j = random.nextInt(i + 1);
            first.set(i, first.set(j, first.get(i)));
        }
        List<Fault> kinds = List.copyOf(first);
        long end = started + options.duration().toNanos();
        long nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (int n = 0; n < 100_000 && (System.nanoTime() < end || !first.isEmpty()); n++) {
            long gap = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(800 + random.nextInt(1700));
            long until = first.isEmpty() ? Math.min(end, gap) : gap;
            while (System.nanoTime() < until) {
                Thread.sleep(Math.max(1, Math.min(200, (until - System.nanoTime()) / 1_000_000)));
                if (System.nanoTime() >= nextProgress) {
                    progress.accept(report(0, 0, 0, 0, 0, List.of()));
                    nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                }
            }
            restartDeadNodes(nodes, log);
            if (System.nanoTime() >= end && first.isEmpty()) {
                break;
            }
            Fault f = first.isEmpty() ? kinds.get(random.nextInt(kinds.size())) : first.removeFirst();
            inject(f, nodes, log);
            injected.merge(f, 1L, Long::sum);
        }
        restartDeadNodes(nodes, log);
        Thread.sleep(Math.min(5000, options.duration().toMillis() / 4)); // the last kill's games: time to fail over
        collectFailovers();
        progress.accept(report(0, 0, 0, 0, 0, List.of()));
    }

    private void inject(Fault f, ClusterNodes nodes, Consumer<String> log) throws IOException, InterruptedException {
        int i = random.nextInt(nodes.size());
        String name = nodes.name(i);
        long t0 = System.nanoTime();
        switch (f) {
            case NODE_KILL -> {
                collectFailovers();
                Set<String> owned = owned(name);
                tally.failovers.clear();
                tally.killedAt = System.nanoTime();
                tally.killedOwned = owned;
                failoverGames += owned.size();
                nodes.kill(i);
                Thread.sleep(300 + random.nextInt(700));
                nodes.restart(i);
                log.accept(String.format("%s: SIGKILL %s, started again in %d ms", at(), name, ms(t0)));
            }
            case NODE_PAUSE -> {
                long pause = 1000 + random.nextInt(5000);
                nodes.pause(i);
                Thread.sleep(pause);
                nodes.resume(i);
                log.accept(String.format("%s: SIGSTOP %s, SIGCONT after %d ms", at(), name, pause));
            }
            case NODE_TERM -> {
                boolean clean = nodes.term(i);
                long stopped = ms(t0);
                if (!clean) {
                    notes.add(name + " did not end within 30 s of SIGTERM (killed)");
                } else if (nodes.exitCode(i) != 0 && nodes.exitCode(i) != 143) {
                    notes.add(name + " exited with " + nodes.exitCode(i) + " on SIGTERM");
                }
                nodes.restart(i);
                log.accept(String.format("%s: SIGTERM %s, ended in %d ms, started again in %d ms", at(), name, stopped, ms(t0)));
            }
            case NODE_CUT_OFF -> {
                nodes.cutOff(i, true);
                String alone = "[\"" + name + "\"]";
                String view = nodes.view(i);
                for (int k = 0; k < 100 && !view.equals(alone); k++) { // until it sees itself alone, at most 10 s
                    Thread.sleep(100);
                    view = nodes.view(i);
                }
                long split = ms(t0);
                Thread.sleep(1000 + random.nextInt(2000));
                nodes.cutOff(i, false);
                log.accept(String.format("%s: %s cut off from the others; %s after %d ms; connected again after %d ms",
                        at(), name, view.equals(alone) ? "alone in its view" : "its view still " + view, split, ms(t0)));
            }
            case POSTGRES_RESTART -> {
                pg.close();
                Thread.sleep(200 + random.nextInt(800));
                startPostgres();
                log.accept(String.format("%s: PostgreSQL stopped and started again in %d ms", at(), ms(t0)));
            }
            default -> throw new IllegalArgumentException(f + " is not a cluster fault");
        }
    }

    /** @return the games {@code node} owns now (its rows in islands_owners); none if the database cannot say */
    private Set<String> owned(String node) {
        try {
            return ownedBy(url, node);
        } catch (SQLException e) {
            notes.add("the games of " + node + " could not be read before its SIGKILL: " + e.getMessage());
            return Set.of();
        }
    }

    /** @return the games {@code node} owns now: its rows in islands_owners of the store at {@code url} */
    static Set<String> ownedBy(String url, String node) throws SQLException {
        Set<String> owned = new HashSet<>();
        try (Connection c = DriverManager.getConnection(url + "&connectTimeout=2&socketTimeout=5");
                java.sql.PreparedStatement s = c.prepareStatement("SELECT game FROM islands_owners WHERE node = ?")) {
            s.setString(1, node);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    owned.add(r.getString(1));
                }
            }
        }
        return owned;
    }

    /** Moves the failover times of the last SIGKILL's games into {@link #failoverMillis}. */
    private void collectFailovers() {
        tally.killedOwned = Set.of();
        tally.failovers.values().forEach(ns -> failoverMillis.add(ns / 1e6));
        tally.failovers.clear();
    }

    /** Starts a node that ended though nothing killed it (noted, not a failure: the checks judge safety). */
    private void restartDeadNodes(ClusterNodes nodes, Consumer<String> log) throws IOException, InterruptedException {
        for (int i = 0; i < nodes.size(); i++) {
            if (!nodes.alive(i)) {
                String note = nodes.name(i) + " exited on its own with " + nodes.exitCode(i) + " at " + at();
                notes.add(note);
                log.accept(note + "; starting it again (log " + nodes.log(i) + ")");
                nodes.restart(i);
            }
        }
    }

    private String at() {
        return (System.nanoTime() - started) / 1_000_000 / 100 / 10.0 + " s";
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    // ---- PostgreSQL ------------------------------------------------------------------------

    private void startPostgres() throws IOException {
        pg = startPostgres(options.workDir(), pgPort);
    }

    /**
     * Starts (or starts again, on its data directory {@code workDir/pg}) an embedded PostgreSQL on
     * 127.0.0.1:{@code port} with fsync and synchronous commits on, logging to
     * {@code workDir/postgresql.log}. @return it running @throws IOException if it does not start
     */
    static EmbeddedPostgres startPostgres(Path workDir, int port) throws IOException {
        java.io.File pgLog = workDir.resolve("postgresql.log").toFile();
        return EmbeddedPostgres.builder().setPort(port).setDataDirectory(workDir.resolve("pg"))
                .setCleanDataDirectory(false).setOutputRedirector(ProcessBuilder.Redirect.appendTo(pgLog))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(pgLog)).setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .start();
    }

    /** @return the JDBC URL of the embedded PostgreSQL on {@code port}, in {@code schema} */
    static String jdbc(int port, String schema) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres&currentSchema=" + schema;
    }

    private String jdbc(String schema) {
        return jdbc(pgPort, schema);
    }

    /** Every 0.5 s: every stored version's (revision, fence), until interrupted; errors (a restart) skip a round. */
    private void sample() {
        poll(url, 500, this::readVersions);
    }

    /** One round of {@link #poll}. */
    interface Round {
        void run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code round} every {@code everyMs} on one connection to {@code url} until the calling
     * thread is interrupted; an error (PostgreSQL restarting) skips a round and connects again.
     */
    static void poll(String url, long everyMs, Round round) {
        while (!Thread.currentThread().isInterrupted()) {
            try (Connection c = DriverManager.getConnection(url + "&connectTimeout=2&socketTimeout=5")) {
                while (!Thread.currentThread().isInterrupted()) {
                    round.run(c);
                    Thread.sleep(everyMs);
                }
            } catch (SQLException e) {
                try {
                    Thread.sleep(everyMs);
                } catch (InterruptedException ie) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void readVersions(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT key, revision, fence FROM islands_states")) {
            synchronized (versions) {
                while (r.next()) {
                    String key = r.getString(1);
                    long revision = r.getLong(2);
                    long fence = r.getLong(3);
                    Long before = versions.computeIfAbsent(key, k -> new TreeMap<>()).put(revision, fence);
                    if (before != null && before != fence) {
                        fenceProblems.add(key + ": revision " + revision + " was stored with fence " + before
                                + ", later with fence " + fence + " (a version overwritten)");
                    }
                }
            }
        }
    }

    // ---- the check -------------------------------------------------------------------------

    private ClusterReport check(List<ClusterPlayers> tables) throws SQLException {
        List<String> problems = new ArrayList<>();
        Map<String, String> states = new HashMap<>();
        Set<String> games = new HashSet<>();
        tables.forEach(t -> t.played().forEach(p -> games.add(p.game())));
        Map<String, Long> owners = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url)) {
            readVersions(c);
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT DISTINCT ON (key) key, state FROM islands_states ORDER BY key, revision DESC")) {
                while (r.next()) {
                    states.put(r.getString(1), r.getString(2));
                }
            }
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT game, fence FROM islands_owners")) {
                while (r.next()) {
                    owners.put(r.getString(1), r.getLong(2));
                }
            }
        }
        long checked = 0;
        long lost = 0;
        long extra = 0;
        for (ClusterPlayers t : tables) {
            for (ClusterPlayers.Played p : t.played()) {
                GameState s = states.containsKey(p.game()) ? GameStateCodec.INSTANCE.decode(states.get(p.game())) : null;
                int moves = known(p.player1()).size() + known(p.player2()).size();
                checked += moves;
                if (s == null) {
                    if (moves > 0) {
                        lost += moves;
                        problems.add(p.game() + ": not in the database, " + moves + " acknowledged guesses lost");
                    }
                    continue;
                }
                lost += compare(p.game(), "player1", p.player1(), s.player1().guesses(), problems, true);
                lost += compare(p.game(), "player2", p.player2(), s.player2().guesses(), problems, true);
                extra += compare(p.game(), "player1", p.player1(), s.player1().guesses(), problems, false);
                extra += compare(p.game(), "player2", p.player2(), s.player2().guesses(), problems, false);
            }
        }
        long versionsChecked;
        long stale;
        synchronized (versions) {
            problems.addAll(fenceProblems);
            versionsChecked = versions.entrySet().stream().filter(e -> games.contains(e.getKey()))
                    .mapToLong(e -> e.getValue().size()).sum();
            stale = fenceProblems.size() + staleFences(versions, owners, games, problems);
        }
        return report(checked, lost, extra, versionsChecked, stale, problems);
    }

    /**
     * The fence check of the versions of {@code games}: in revision order a version's fence never
     * decreases, is above 0 (every cluster save is fenced) and not above the owner row's fence.
     *
     * @param versions game → revision → fence
     * @param owners game → its owner row's fence now
     * @param problems gets one line per bad version
     * @return the number of bad versions
     */
    static long staleFences(Map<String, TreeMap<Long, Long>> versions, Map<String, Long> owners, Set<String> games,
            List<String> problems) {
        long stale = 0;
        for (var e : versions.entrySet()) {
            if (!games.contains(e.getKey())) {
                continue; // not a game of this run's players
            }
            long previous = 0;
            long previousRevision = 0;
            long owner = owners.getOrDefault(e.getKey(), 0L);
            for (var v : e.getValue().entrySet()) {
                long fence = v.getValue();
                String problem = fence <= 0 ? "has no fence"
                        : fence < previous ? "has fence " + fence + " after revision " + previousRevision + "'s fence " + previous
                        : fence > owner ? "has fence " + fence + " above the owner row's " + owner : null;
                if (problem != null) {
                    stale++;
                    problems.add(e.getKey() + ": revision " + v.getKey() + " " + problem + " (a commit by a stale fence)");
                }
                previous = Math.max(previous, fence);
                previousRevision = v.getKey();
            }
        }
        return stale;
    }

    private static Set<Coordinate> known(ClusterPlayers.Moves m) {
        Set<Coordinate> k = new HashSet<>(m.acknowledged);
        k.addAll(m.foundApplied);
        return k;
    }

    /**
     * One player's side of the move check.
     *
     * @param missing true: count the acknowledged or found-applied guesses absent from the stored
     *     {@code g} (lost); false: count the stored guesses the player never sent (applied twice or out of nowhere)
     * @param problems gets one line when the count is not 0
     * @return the count
     */
    static long compare(String game, String player, ClusterPlayers.Moves m, Guesses g, List<String> problems,
            boolean missing) {
        Set<Coordinate> stored = new HashSet<>(g.hits());
        stored.addAll(g.misses());
        Set<Coordinate> diff = new java.util.TreeSet<>(missing ? known(m) : stored);
        diff.removeAll(missing ? stored : new HashSet<>(m.sent));
        if (!diff.isEmpty()) {
            problems.add(game + ": " + player + (missing ? "'s acknowledged guesses missing from the stored state: "
                    : "'s stored guesses it never sent (applied twice?): ") + diff);
        }
        return diff.size();
    }

    private ClusterReport report(long checked, long lost, long extra, long versionsChecked, long stale, List<String> problems) {
        return new ClusterReport(Duration.ofNanos(System.nanoTime() - started), injected, tally.acknowledged.get(),
                tally.unknown.get(), tally.foundApplied.get(), tally.reconnects.get(), tally.hungSockets.get(), tally.started.get(),
                tally.finished.get(), tally.abandoned.get(), checked, lost, extra, versionsChecked, stale, problems, notes,
                failoverGames, failoverMillis);
    }
}
