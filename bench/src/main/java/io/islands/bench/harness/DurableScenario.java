package io.islands.bench.harness;

import io.islands.bench.DurableBench;
import io.islands.engine.game.GameState;
import io.islands.engine.process.Games;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * durable (issues 5 and 7): acknowledged moves/s through the game process API on a durable store,
 * with the shared workload's counts of concurrently active games ({@link Workload}: 1, 16, 256),
 * each played by its own driver (a virtual thread) with one move in flight (the OTP side's
 * {@code durable}: one client process per game). Every move is a
 * miss that changes the state, so every acknowledged move was saved (fsync on) before its reply.
 * Stores: SQLite (durable: {@code synchronous=FULL}, group commit) and PostgreSQL (embedded,
 * {@code fsync=on}, {@code synchronous_commit=on}); history depth 3 as the server's.
 */
final class DurableScenario {
    /** One client per game on a virtual thread, as the OTP side's client processes; the label of its results. */
    static final Scenarios.Drivers DRIVERS = Scenarios.Drivers.PROCESSES;

    private DurableScenario() {}

    static List<ScenarioResult> run(boolean quick, long seed) throws Exception {
        Duration window = Workload.load().window("durable", quick);
        List<Integer> activeGames = Workload.load().games("durable", quick);
        List<ScenarioResult> out = new ArrayList<>();
        Path dir = Files.createTempDirectory("islands-bench-durable");
        try {
            for (int n : activeGames) {
                out.add(measure("sqlite", "sqlite:" + dir.resolve("games-" + n + ".db"), n, window, seed));
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
        try (EmbeddedPostgres pg = DurableBench.startPostgres()) {
            for (int n : activeGames) {
                out.add(measure("postgresql", DurableBench.postgresSchemaUrl(pg, "games" + n), n, window, seed));
            }
        }
        return out;
    }

    static ScenarioResult measure(String kind, String url, int n, Duration window, long seed) throws Exception {
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
            try {
                Scenarios.sleep(Duration.ofNanos(Math.max(0, t0 - System.nanoTime())));
                before = store.counters();
                Scenarios.sleep(window);
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
            params.putAll(Workload.load().params(window));
            return new ScenarioResult("durable", "islands", all.count() / secs, all.percentileUs(0.50),
                    all.percentileUs(0.99), null, params);
        }
    }
}
