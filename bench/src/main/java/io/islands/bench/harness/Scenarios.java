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
 * Recovery runs both kinds too (its drivers kill, as the OTP side's). Process drivers
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
        drive(games, n, drivers, driver, seed, lat, recordFrom, run, () -> {});
    }

    /** As above, running {@code afterMove} after each move, between two of the driver's calls. */
    static void drive(Games games, int n, int drivers, int driver, long seed, Latencies lat, long recordFrom,
            BooleanSupplier run, Runnable afterMove) {
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
            afterMove.run();
        }
    }

    /**
     * recovery, as the OTP side's (bench/otp, {@code maybe_kill}): N games, {@link #DRIVERS}
     * drivers each playing its own games as in {@code moves}; every {@code window / (kills /
     * drivers)} a driver kills one of its own games between two of its moves and asks it for its
     * state at once: the time until the restarted game answers, and whether that state is the
     * one it last acknowledged (read just before the kill; the driver is the game's only client).
     * Sizes and window come from {@code bench/workload.properties} ({@code recovery.*}), which the
     * OTP side reads too. With {@link Drivers#PROCESSES} the drivers are runtime processes (as
     * the OTP side's); with {@link Drivers#THREADS} platform threads.
     *
     * <p>Bounded, so that a starved runtime reports instead of hanging: a driver stops killing
     * after {@link #RECOVERY_TIMEOUTS_IN_A_ROW} state calls in a row that timed out (all count in
     * {@code timeouts}; one after a kill is a sample with its waited time); a driver whose move
     * fails ends ({@code driver_failures}); a driver still owing kills at the window's end makes
     * them within {@link #GRACE} more; the drivers are waited for at most the window plus twice
     * {@link #GRACE} and the call timeout. {@code kills_done} says how many kills were made.
     */
    static ScenarioResult recovery(int n, int kills, Duration window, long seed, Drivers kind) throws Exception {
        int baseline = Proc.count();
        ScenarioResult result;
        try (MemoryStateStore<GameState> store = new MemoryStateStore<>(1); Games games = games(store)) {
            GameSetup.playReady(games, "g", n);
            int perDriver = kills / DRIVERS;
            long intervalNs = window.toNanos() / Math.max(perDriver, 1);
            CountDownLatch driversDone = new CountDownLatch(DRIVERS);
            AtomicInteger driverFailures = new AtomicInteger();
            KillTally tally = new KillTally();
            Progress progress = new Progress("killing " + perDriver * DRIVERS + " games", perDriver * DRIVERS);
            long start = System.nanoTime();
            for (int d = 0; d < DRIVERS; d++) {
                int driver = d;
                start(kind, () -> {
                    try {
                        KillSchedule schedule = new KillSchedule(games, n, driver, seed + driver, start + intervalNs / 2,
                                intervalNs, perDriver, tally, progress);
                        long deadline = start + window.toNanos();
                        long overtime = deadline + GRACE.toNanos(); // a late driver finishes its kills, within a bound
                        drive(games, n, DRIVERS, driver, seed + driver, new Latencies(), Long.MAX_VALUE, () -> {
                            long now = System.nanoTime();
                            return now < deadline || (schedule.owing() && now < overtime);
                        }, schedule);
                    } catch (RuntimeException e) { // a timed-out move: where the game stands is unknown, so stop
                        driverFailures.incrementAndGet();
                    } finally {
                        driversDone.countDown();
                    }
                });
            }
            if (!driversDone.await(window.plus(GRACE).plus(GRACE).plus(GenServer.DEFAULT_TIMEOUT).toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.println("bench: recovery's drivers did not stop in time");
            }
            Latencies lat;
            int lost;
            int timeouts;
            synchronized (tally) {
                progress.step(perDriver * DRIVERS); // ends the bar's line when the kills stopped early
                lat = new Latencies().merge(tally.lat);
                lost = tally.lost;
                timeouts = tally.timeouts;
            }
            Map<String, Object> params = new HashMap<>(lat.distribution());
            params.putAll(Map.of("n", n, "kills", kills, "states_lost", lost, "store", "memory",
                    "driver", kind.label(), "kills_done", lat.count(), "timeouts", timeouts,
                    "driver_failures", driverFailures.get(), "duration_ms", window.toMillis(), "drivers", DRIVERS));
            result = new ScenarioResult("recovery", "islands", null, lat.percentileUs(0.50), lat.percentileUs(0.99), null,
                    params);
        }
        Map<String, Object> params = new HashMap<>(result.params());
        params.put("processes_left", processesLeft(baseline));
        return new ScenarioResult(result.scenario(), result.system(), null, result.p50Us(), result.p99Us(), null, params);
    }

    /** The kills of {@code recovery} from all drivers; read and written under its lock. */
    private static final class KillTally {
        final Latencies lat = new Latencies();
        int lost;
        int timeouts;
    }

    /**
     * The kills of one driver of {@code recovery}, run by {@link #drive} after each move: when a
     * kill is due (the first at {@code first}, then every {@code intervalNs}), it kills one of
     * the driver's own games and asks it for its state at once. Confined to the driver.
     */
    private static final class KillSchedule implements Runnable {
        private final Games games;
        private final int owned;
        private final int driver;
        private final SplittableRandom rnd;
        private final long intervalNs;
        private final KillTally tally;
        private final Progress progress;
        private long next;
        private int left;
        private int inARow;

        KillSchedule(Games games, int n, int driver, long seed, long first, long intervalNs, int kills, KillTally tally,
                Progress progress) {
            this.games = games;
            this.owned = (n - driver + DRIVERS - 1) / DRIVERS;
            this.driver = driver;
            this.rnd = new SplittableRandom(seed ^ 0xC0FFEE); // apart from the moves' own sequence
            this.intervalNs = intervalNs;
            this.tally = tally;
            this.progress = progress;
            this.next = first;
            this.left = kills;
        }

        /** @return whether kills are still owed and the runtime has not starved them */
        boolean owing() {
            return left > 0 && inARow < RECOVERY_TIMEOUTS_IN_A_ROW;
        }

        @Override
        public void run() {
            if (!owing() || System.nanoTime() < next) {
                return;
            }
            String victim = "g" + (rnd.nextInt(owned) * DRIVERS + driver);
            GameState before = games.state(victim); // the driver is its only client: the last acknowledged state
            Pid pid = games.whereis(victim).orElseThrow(() -> new IllegalStateException(victim + " is not running"));
            long t = System.nanoTime();
            Proc.exit(pid, ExitReason.kill());
            boolean same;
            boolean timedOut = false;
            try {
                same = games.state(victim).equals(before);
                inARow = 0;
            } catch (GameUnavailableException e) {
                same = true; // not known; counted as a timeout, with the time waited
                timedOut = true;
                inARow++;
            }
            long took = System.nanoTime() - t;
            synchronized (tally) {
                tally.lat.add(took);
                tally.lost += same ? 0 : 1;
                tally.timeouts += timedOut ? 1 : 0;
                progress.step(tally.lat.count());
            }
            left--;
            next += intervalNs;
        }
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

    private static void start(Drivers kind, Runnable body) {
        if (kind == Drivers.PROCESSES) {
            Proc.spawn(body::run);
        } else {
            Thread.ofPlatform().daemon().start(body);
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
