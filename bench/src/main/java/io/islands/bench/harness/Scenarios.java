package io.islands.bench.harness;

import io.islands.engine.game.GameState;
import io.islands.engine.game.Outcome;
import io.islands.engine.game.Player;
import io.islands.engine.process.GameUnavailableException;
import io.islands.engine.process.Games;
import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The Islands side of the bench scenarios (issue 7). Each mirrors the OTP side in bench/otp
 * (same sizes, same drivers, same definitions), and returns one result per configuration.
 *
 * <p>Drivers of {@code moves} are of two kinds, both measured: runtime processes, as the OTP
 * side's drivers are processes in the same VM ({@link Drivers#PROCESSES}), and platform threads,
 * load from outside the process world as a server's I/O threads give it ({@link Drivers#THREADS}).
 * Recovery runs both kinds too (with process drivers its killer is a process). Process drivers
 * in a closed loop with the games keep the JDK's virtual-thread scheduler busy with local tasks,
 * and work submitted from outside (timers, a platform thread's call) then waits (issue 13, see
 * docs/benchmarks.md): the scenarios bound every such wait and report it. A moves driver reads
 * the clock itself, so needs no timer.
 */
final class Scenarios {
    static final int DRIVERS = Workload.load().drivers(); // one per core, as the OTP side
    /** How long a scenario waits for a step that a starved runtime may never finish (issue 13), then reports it. */
    static final Duration GRACE = Duration.ofSeconds(5);

    private Scenarios() {}

    static Games games() {
        return games(new MemoryStateStore<>(1));
    }

    /** Games on {@code store}, which the caller closes after them (its owner process ends then). */
    static Games games(MemoryStateStore<GameState> store) {
        return Games.start(Games.Config.defaults(store).withMaxRestartsPerGame(Integer.MAX_VALUE, Duration.ofSeconds(1)));
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
     * whether that state is the last one it acknowledged. With {@link Drivers#PROCESSES} the
     * drivers and the killer are runtime processes (as the OTP side's, whose drivers kill); with
     * {@link Drivers#THREADS} they are platform threads.
     *
     * <p>Bounded, so that a runtime that starves them (issue 13) reports instead of hanging: the
     * kills stop at {@link #recoveryBudget} or after {@link #RECOVERY_TIMEOUTS_IN_A_ROW} state
     * calls in a row that timed out (all count in {@code timeouts}; one after a kill is a sample
     * with its waited time);
     * a driver whose call fails ends ({@code driver_failures}); the killer is waited for at most
     * {@link #GRACE} to start ({@code killer_started}: whether it did) and the budget plus that
     * grace to finish. {@code kills_done} says how many were made.
     */
    static ScenarioResult recovery(int n, int kills, long seed, Drivers kind) throws Exception {
        int baseline = Proc.count();
        ScenarioResult result;
        try (MemoryStateStore<GameState> store = new MemoryStateStore<>(1); Games games = games(store)) {
            int victims = Math.max(10, n / 10);
            GameSetup.playReady(games, "g", n);
            GameSetup.playReady(games, "v", victims);
            AtomicBoolean run = new AtomicBoolean(true);
            CountDownLatch driversDone = new CountDownLatch(DRIVERS);
            AtomicInteger driverFailures = new AtomicInteger();
            for (int d = 0; d < DRIVERS; d++) {
                int driver = d;
                Runnable body = () -> {
                    try {
                        drive(games, n, DRIVERS, driver, seed + driver, new Latencies(), run);
                    } catch (RuntimeException e) { // a timed-out move: where the game stands is unknown, so stop
                        driverFailures.incrementAndGet();
                    } finally {
                        driversDone.countDown();
                    }
                };
                start(kind, body);
            }
            Killer killer = new Killer(games, kills, victims, seed, System.nanoTime() + recoveryBudget(kills).toNanos());
            boolean started = false;
            try {
                start(kind, killer::run);
                started = killer.started.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
                if (!started) {
                    killer.stop = true; // should it start later, it stops at once
                    System.err.println("bench: recovery's killer did not start within " + GRACE);
                } else if (!killer.done.await(recoveryBudget(kills).plus(GRACE).toMillis(),
                        TimeUnit.MILLISECONDS)) {
                    killer.stop = true;
                    System.err.println("bench: recovery's killer did not finish in time");
                }
            } finally {
                run.set(false);
                if (!driversDone.await(GRACE.plus(GenServer.DEFAULT_TIMEOUT).toMillis(), TimeUnit.MILLISECONDS)) {
                    System.err.println("bench: recovery's drivers did not stop in time");
                }
            }
            Latencies lat;
            int lost;
            int timeouts;
            synchronized (killer) {
                lat = new Latencies().merge(killer.lat);
                lost = killer.lost;
                timeouts = killer.timeouts;
            }
            Map<String, Object> params = new HashMap<>(lat.distribution());
            params.putAll(Map.of("n", n, "kills", kills, "states_lost", lost, "store", "memory",
                    "driver", kind.label(), "kills_done", lat.count(), "timeouts", timeouts,
                    "driver_failures", driverFailures.get(), "killer_started", started));
            result = new ScenarioResult("recovery", "islands", null, lat.percentileUs(0.50), lat.percentileUs(0.99), null,
                    params);
        }
        Map<String, Object> params = new HashMap<>(result.params());
        params.put("processes_left", processesLeft(baseline));
        return new ScenarioResult(result.scenario(), result.system(), null, result.p50Us(), result.p99Us(), null, params);
    }

    /**
     * @return how many processes more than {@code baseline} are alive, once their number has
     *     come down to it or {@link #GRACE} has passed: what a scenario left running
     */
    static int processesLeft(int baseline) throws InterruptedException {
        long end = System.nanoTime() + GRACE.toNanos();
        while (Proc.count() > baseline && System.nanoTime() < end) {
            Thread.sleep(10); // polling a count after a measurement, not in it
        }
        return Math.max(0, Proc.count() - baseline);
    }

    /** Stop the kills after this many state calls in a row that timed out: the runtime is starved. */
    static final int RECOVERY_TIMEOUTS_IN_A_ROW = 3;

    /** @return how long the kills may take: 50 ms each plus 10 s (about 10× what they take here) */
    static Duration recoveryBudget(int kills) {
        return Duration.ofMillis(10_000L + 50L * kills);
    }

    private static void start(Drivers kind, Runnable body) {
        if (kind == Drivers.PROCESSES) {
            Proc.spawn(body::run);
        } else {
            Thread.ofPlatform().daemon().start(body);
        }
    }

    /** The kills of {@code recovery}; its results are read under its lock. */
    private static final class Killer {
        final Games games;
        final int kills;
        final int victims;
        final long seed;
        final long deadline;
        final Latencies lat = new Latencies();
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);
        volatile boolean stop;
        int lost;
        int timeouts;

        Killer(Games games, int kills, int victims, long seed, long deadline) {
            this.games = games;
            this.kills = kills;
            this.victims = victims;
            this.seed = seed;
            this.deadline = deadline;
        }

        void run() {
            started.countDown();
            SplittableRandom rnd = new SplittableRandom(seed ^ 0xC0FFEE);
            Progress progress = new Progress("killing " + kills + " games", kills);
            int inARow = 0;
            try {
                for (int i = 0; i < kills && !stop && System.nanoTime() < deadline
                        && inARow < RECOVERY_TIMEOUTS_IN_A_ROW; i++) {
                    String name = "v" + rnd.nextInt(victims);
                    GameState before;
                    Pid pid;
                    try {
                        before = games.state(name);
                        pid = games.whereis(name).orElseThrow(() -> new IllegalStateException(name + " is not running"));
                    } catch (GameUnavailableException e) { // still restarting after a timed-out kill: skip it
                        inARow++;
                        synchronized (this) {
                            timeouts++;
                        }
                        continue;
                    }
                    long t = System.nanoTime();
                    Proc.exit(pid, ExitReason.kill());
                    boolean same;
                    try {
                        same = games.state(name).equals(before);
                        inARow = 0;
                    } catch (GameUnavailableException e) {
                        same = true; // not known; counted as a timeout, with the time waited
                        inARow++;
                        synchronized (this) {
                            timeouts++;
                        }
                    }
                    synchronized (this) {
                        lat.add(System.nanoTime() - t);
                        if (!same) {
                            lost++;
                        }
                    }
                    progress.step(i + 1);
                }
            } finally {
                progress.step(kills); // ends the bar's line when the kills stopped early
                done.countDown();
            }
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
