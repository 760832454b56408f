package io.islands.bench.harness;

import io.islands.bench.DurableBench;
import io.islands.engine.game.GameState;
import io.islands.engine.game.Player;
import io.islands.engine.game.PlayerView;
import io.islands.engine.process.Games;
import io.islands.runtime.checkpoint.Saved;
import io.islands.server.game.GameStateCodec;
import io.islands.storage.CloseableStateStore;
import io.islands.storage.StateStores;
import io.islands.storage.StoreCounters;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * durable (issues 5 and 7): acknowledged moves/s through the game process API on a durable store,
 * with the shared workload's counts of concurrently active games ({@link Workload}: 1, 16, 256),
 * each played by its own driver (a virtual thread) with one move in flight (the OTP side's
 * {@code durable}: one client process per game). Every move is a
 * miss that changes the state, so every acknowledged move was saved (fsync on) before its reply.
 * Stores: SQLite (durable: {@code synchronous=FULL}, group commit) and PostgreSQL (embedded,
 * {@code fsync=on}, {@code synchronous_commit=on}); history depth 3 as the server's. Then, on PostgreSQL,
 * an activation storm: 10,000 saved games activated at once, the time until all are active. First of all,
 * the disk's own limits ({@link DiskLimits}), so that each store's commits/s and bytes/s read as fractions of them.
 */
final class DurableScenario {
    /** Games activated at once in the activation storm (issue 16); a fifth of it in a quick run. */
    static final int STORM_GAMES = 10_000;
    /** The scenario name of the activation storm's line (the disk's lines are system "disk"). */
    static final String STORM = "activation_storm";
    /** One client per game on a virtual thread, as the OTP side's client processes; the label of its results. */
    static final Scenarios.Drivers DRIVERS = Scenarios.Drivers.PROCESSES;

    private DurableScenario() {}

    static List<ScenarioResult> run(boolean quick, long seed) throws Exception {
        Duration window = Workload.load().window("durable", quick);
        List<Integer> activeGames = Workload.load().games("durable", quick);
        List<ScenarioResult> out = new ArrayList<>();
        Path dir = Files.createTempDirectory("islands-bench-durable");
        DiskLimits disk;
        try {
            System.err.println("bench: durable, the disk's own limits");
            disk = DiskLimits.measure(dir, window, quick ? 64 : 256);
            out.addAll(disk.results());
            for (int n : activeGames) {
                out.add(measure("sqlite", "sqlite:" + dir.resolve("games-" + n + ".db"), n, window, seed,
                        DiskLimits::processWriteBytes, "process write_bytes (WAL and checkpoints)", disk));
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
        try (EmbeddedPostgres pg = DurableBench.startPostgres()) {
            LongSupplier wal = () -> walBytes(pg);
            for (int n : activeGames) {
                out.add(measure("postgresql", DurableBench.postgresSchemaUrl(pg, "games" + n), n, window, seed,
                        wal, "WAL bytes", disk));
            }
            out.add(activationStorm("postgresql", DurableBench.postgresSchemaUrl(pg, "storm"),
                    quick ? STORM_GAMES / 5 : STORM_GAMES));
        }
        return out;
    }

    /** @return the server's WAL position in bytes (WAL written so far) */
    private static long walBytes(EmbeddedPostgres pg) {
        try (var c = pg.getPostgresDatabase().getConnection(); var s = c.createStatement();
                var rs = s.executeQuery("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    /**
     * An activation storm, as after a node failure: {@code n} games saved in the store, none running, then
     * one call to each at once (a virtual thread per game), each activating its game from the store.
     *
     * @return the time from the first call to the last answer, as games activated per second
     */
    static ScenarioResult activationStorm(String kind, String url, int n) throws Exception {
        System.err.println("bench: durable " + kind + ", activation storm of " + n + " games");
        try (CloseableStateStore<GameState> store = StateStores.open(url, GameStateCodec.INSTANCE, 3)) {
            String template;
            try (Games games = Games.start(Games.Config.defaults(store))) {
                GameSetup.playReady(games, "storm-template");
                template = GameStateCodec.INSTANCE.encode(games.state("storm-template"));
            }
            try (var savers = Executors.newVirtualThreadPerTaskExecutor()) { // the template under each game's name
                for (int i = 0; i < n; i++) {
                    String key = "s" + i;
                    savers.submit(() -> store.save(key, new Saved<>(1,
                            GameStateCodec.INSTANCE.decode(template.replace("\"storm-template\"", "\"" + key + "\"")))));
                }
            }
            try (Games games = Games.start(Games.Config.defaults(store));
                    var callers = Executors.newVirtualThreadPerTaskExecutor()) {
                long t0 = System.nanoTime();
                List<Future<PlayerView>> views = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    String key = "s" + i;
                    views.add(callers.submit(() -> games.view(key, Player.PLAYER1)));
                }
                for (Future<PlayerView> v : views) {
                    v.get(2, TimeUnit.MINUTES);
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                if (games.running() != n) {
                    throw new IllegalStateException(games.running() + " of " + n + " games running after the storm");
                }
                return new ScenarioResult(STORM, "islands", n / secs, null, null, null, Map.of("n", n,
                        "store", kind, "measure", "activation_storm", "games", n, "all_active_ms", secs * 1000));
            }
        }
    }

    /**
     * @param bytesWritten bytes written so far by the store, of the kind {@code bytesSource} says (-1: unknown)
     * @param disk the disk's limits, to express the store's commits and bytes as fractions of them
     */
    static ScenarioResult measure(String kind, String url, int n, Duration window, long seed, LongSupplier bytesWritten,
            String bytesSource, DiskLimits disk) throws Exception {
        System.err.println("bench: durable " + kind + ", " + n + " active game(s)");
        try (CloseableStateStore<GameState> store = StateStores.open(url, GameStateCodec.INSTANCE, 3);
                Games games = Games.start(Games.Config.defaults(store))) {
            GameSetup.playReady(games, "g", n);
            Latencies[] lat = new Latencies[n];
            AtomicBoolean run = new AtomicBoolean(true);
            Thread[] drivers = new Thread[n];
            long t0 = System.nanoTime() + Scenarios.warmUp(window).toNanos(); // untimed warm-up first
            for (int d = 0; d < n; d++) {
                Latencies mine = lat[d] = new Latencies();
                int driver = d;
                Runnable body = () -> Scenarios.drive(games, n, n, driver, seed + driver, mine, t0, run::get);
                drivers[d] = Thread.ofVirtual().start(body);
            }
            StoreCounters before;
            long bytesBefore;
            long bytesAfter;
            try {
                Scenarios.sleep(Duration.ofNanos(Math.max(0, t0 - System.nanoTime())));
                before = store.counters();
                bytesBefore = bytesWritten.getAsLong();
                Scenarios.sleep(window);
                bytesAfter = bytesWritten.getAsLong();
            } finally {
                run.set(false);
                for (Thread t : drivers) {
                    t.join();
                }
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            StoreCounters after = store.counters();
            Latencies all = new Latencies();
            for (Latencies l : lat) {
                all.merge(l);
            }
            long commits = after.commits() - before.commits();
            Map<String, Object> params = new HashMap<>(all.distribution());
            params.putAll(Map.of("n", n, "active_games", n, "drivers", n, "driver", DRIVERS.label(), "store", kind,
                    "durability", "fsync on: every acknowledged move saved first", "duration_ms", window.toMillis(),
                    "moves", all.count(), "saves_per_commit",
                    commits == 0 ? 0.0 : (after.saves() - before.saves()) / (double) commits));
            double commitsPerSec = commits / secs;
            params.put("commits_per_s", commitsPerSec);
            params.put("fsync_fraction_of_disk", commitsPerSec / disk.fsyncsPerSec());
            if (bytesBefore >= 0 && bytesAfter >= bytesBefore && all.count() > 0) {
                params.put("bytes_per_move", (bytesAfter - bytesBefore) / (double) all.count());
                params.put("bytes_source", bytesSource);
                params.put("bandwidth_fraction_of_disk", (bytesAfter - bytesBefore) / (window.toNanos() / 1e9) / disk.bytesPerSec());
            }
            params.putAll(Workload.load().params(window));
            return new ScenarioResult("durable", "islands", all.count() / secs, all.percentileUs(0.50),
                    all.percentileUs(0.99), null, params);
        }
    }
}
