package io.islands.bench.harness;

import io.islands.engine.game.GameState;
import io.islands.engine.game.Outcome;
import io.islands.engine.game.Player;
import io.islands.engine.process.Games;
import io.islands.runtime.ExitReason;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.checkpoint.MemoryStateStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The Islands side of the bench scenarios (issue 7). Each mirrors the OTP side in bench/otp
 * (same sizes, same drivers, same definitions), and returns one result per configuration.
 *
 * <p>Drivers of {@code moves} are of two kinds, both measured: runtime processes, as the OTP
 * side's drivers are processes in the same VM ({@link Drivers#PROCESSES}), and platform threads,
 * load from outside the process world as a server's I/O threads give it ({@link Drivers#THREADS}).
 * The other scenarios drive from platform threads: process drivers in a closed loop with the
 * games keep the JDK's virtual-thread scheduler busy with local tasks, and work submitted from
 * outside (timers, a platform thread's call, such as the recovery scenario's killer) then waits
 * (see docs/benchmarks.md). A process driver needs neither: it reads the clock itself.
 */
final class Scenarios {
    static final int DRIVERS = Workload.load().drivers(); // one per core, as the OTP side

    private Scenarios() {}

    static Games games() {
        return Games.start(Games.Config.defaults(new MemoryStateStore<GameState>(1))
                .withMaxRestartsPerGame(Integer.MAX_VALUE, Duration.ofSeconds(1)));
    }

    /** Who calls the games in {@code moves}. */
    enum Drivers {
        /** Runtime processes (virtual threads), as the OTP side's driver processes. */
        PROCESSES,
        /** Platform threads, as a server's I/O threads. */
        THREADS;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * moves: N live games played by {@link #DRIVERS} drivers with the shared workload's mix
     * ({@link Workload}: a random water cell of a random owned game, a legal miss); moves/s, p50/p99.
     * The drivers first play untimed for a warm-up ({@link #warmUp}), so that the JIT has compiled the
     * move path, then for {@code duration}, measured.
     */
    static ScenarioResult moves(int n, Duration duration, long seed, Drivers kind) throws InterruptedException {
        try (Games games = games()) {
            GameSetup.playReady(games, "g", n);
            Latencies[] lat = new Latencies[DRIVERS];
            AtomicBoolean run = new AtomicBoolean(true);
            CountDownLatch done = new CountDownLatch(DRIVERS);
            long t0 = System.nanoTime() + warmUp(duration).toNanos();
            long deadline = t0 + duration.toNanos();
            for (int d = 0; d < DRIVERS; d++) {
                Latencies mine = lat[d] = new Latencies();
                int driver = d;
                Runnable body = () -> {
                    try {
                        drive(games, n, DRIVERS, driver, seed + driver, mine, t0,
                                () -> run.get() && System.nanoTime() < deadline);
                    } finally {
                        done.countDown();
                    }
                };
                if (kind == Drivers.PROCESSES) {
                    Proc.spawn(body::run);
                } else {
                    Thread.ofPlatform().daemon().start(body);
                }
            }
            try {
                done.await();
            } finally {
                run.set(false);
                done.await();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            Latencies all = new Latencies();
            for (Latencies l : lat) {
                all.merge(l);
            }
            Map<String, Object> params = new HashMap<>(all.distribution());
            params.putAll(Map.of("n", n, "drivers", DRIVERS, "driver", kind.label(), "duration_ms", duration.toMillis(),
                    "store", "memory", "moves", all.count()));
            params.putAll(Workload.load().params(duration));
            return new ScenarioResult("moves", "islands", all.count() / secs, all.percentileUs(0.50),
                    all.percentileUs(0.99), null, params);
        }
    }

    /** @return the untimed play before a timed window ({@link Workload#warmUp}) */
    static Duration warmUp(Duration window) {
        return Workload.load().warmUp(window);
    }

    /**
     * Driver {@code driver} of {@code drivers} owns the games g<i>i</i> with i % drivers == driver
     * and alternates their players' guesses on water (misses: every move changes the state).
     */
    static void drive(Games games, int n, int drivers, int driver, long seed, Latencies lat, AtomicBoolean run) {
        drive(games, n, drivers, driver, seed, lat, Long.MIN_VALUE, run::get);
    }

    /** As above, while {@code run} holds; only the moves started at or after {@code recordFrom} (nanoTime) are recorded. */
    static void drive(Games games, int n, int drivers, int driver, long seed, Latencies lat, long recordFrom,
            BooleanSupplier run) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int owned = (n - driver + drivers - 1) / drivers;
        boolean[] player2 = new boolean[owned];
        while (run.getAsBoolean()) {
            int k = rnd.nextInt(owned);
            int[] cell = GameSetup.WATER.get(rnd.nextInt(GameSetup.WATER.size()));
            long t = System.nanoTime();
            String game = "g" + (k * drivers + driver);
            if (games.guessCoordinate(game, player2[k] ? Player.PLAYER2 : Player.PLAYER1, cell[0], cell[1])
                    instanceof Outcome.Failed<?> refused) { // a refused move is cheaper: it would flatter the figure
                throw new IllegalStateException(game + " refused a move the driver thought legal: " + refused.error());
            }
            if (t >= recordFrom) {
                lat.add(System.nanoTime() - t);
            }
            player2[k] = !player2[k];
        }
    }

    /**
     * recovery: N games under load from the drivers; K times, a victim game (not driven) is
     * killed and asked for its state at once: the time until the restarted game answers, and
     * whether that state is the last one it acknowledged.
     */
    static ScenarioResult recovery(int n, int kills, long seed) throws Exception {
        try (Games games = games()) {
            int victims = Math.max(10, n / 10);
            GameSetup.playReady(games, "g", n);
            GameSetup.playReady(games, "v", victims);
            AtomicBoolean run = new AtomicBoolean(true);
            Thread[] drivers = new Thread[DRIVERS];
            for (int d = 0; d < DRIVERS; d++) {
                int driver = d;
                drivers[d] = Thread.ofPlatform().daemon().start(() -> drive(games, n, DRIVERS, driver, seed + driver, new Latencies(), run));
            }
            SplittableRandom rnd = new SplittableRandom(seed ^ 0xC0FFEE);
            Latencies lat = new Latencies();
            int lost = 0;
            Progress progress = new Progress("killing " + kills + " games", kills);
            try {
                for (int i = 0; i < kills; i++) {
                    String name = "v" + rnd.nextInt(victims);
                    GameState before = games.state(name);
                    Pid pid = games.whereis(name).orElseThrow(() -> new IllegalStateException(name + " is not running"));
                    long t = System.nanoTime();
                    Proc.exit(pid, ExitReason.kill());
                    GameState after = games.state(name);
                    lat.add(System.nanoTime() - t);
                    if (!after.equals(before)) {
                        lost++;
                    }
                    progress.step(i + 1);
                }
            } finally {
                run.set(false);
                for (Thread t : drivers) {
                    t.join();
                }
            }
            Map<String, Object> params = new HashMap<>(lat.distribution());
            params.putAll(Map.of("n", n, "kills", kills, "states_lost", lost, "store", "memory"));
            return new ScenarioResult("recovery", "islands", null, lat.percentileUs(0.50), lat.percentileUs(0.99), null,
                    params);
        }
    }

    /** density: N idle live games (fresh state, saved in the memory store): heap per game. */
    static ScenarioResult density(int n) throws InterruptedException {
        long before = Heap.usedAfterGc();
        try (Games games = games()) {
            Progress progress = new Progress("starting " + n + " idle games", n);
            Thread[] starters = new Thread[DRIVERS];
            java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
            for (int w = 0; w < starters.length; w++) {
                int first = w;
                starters[w] = Thread.startVirtualThread(() -> {
                    for (int i = first; i < n; i += DRIVERS) {
                        games.startGame("g" + i);
                        long d = done.incrementAndGet();
                        if (d % 10_000 == 0) {
                            synchronized (progress) {
                                progress.step(d);
                            }
                        }
                    }
                });
            }
            for (Thread t : starters) {
                t.join();
            }
            long after = Heap.usedAfterGc();
            return new ScenarioResult("density", "islands", null, null, null, (after - before) / (double) n,
                    Map.of("n", n, "counted", "whole heap growth: processes, registry, supervisor, store", "live", games.running()));
        }
    }

    /** supervisor_stop: N live games, then the time to stop the game supervisor. */
    static ScenarioResult supervisorStop(int n) throws InterruptedException {
        Games games = games();
        List<Thread> starters = new ArrayList<>();
        for (int w = 0; w < DRIVERS; w++) {
            int first = w;
            starters.add(Thread.startVirtualThread(() -> {
                for (int i = first; i < n; i += DRIVERS) {
                    games.startGame("g" + i);
                }
            }));
        }
        for (Thread t : starters) {
            t.join();
        }
        long t = System.nanoTime();
        games.close();
        double secs = (System.nanoTime() - t) / 1e9;
        return new ScenarioResult("supervisor_stop", "islands", n / secs, null, null, null,
                Map.of("n", n, "seconds", secs, "processes_left", Proc.count()));
    }

    static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis()); // the measurement window itself
    }
}
