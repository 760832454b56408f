package io.islands.bench.harness;

import io.islands.bench.EchoServer;
import io.islands.runtime.ExitException;
import io.islands.runtime.ExitReason;
import io.islands.runtime.From;
import io.islands.runtime.GenServer;
import io.islands.runtime.InitResult;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * fairness (issue 13): does work from outside the busy processes still get served? For each
 * number of busy pairs P (0, 1, 4×cores, 16×cores), P pairs of processes play ping-pong in a
 * closed loop (one sends its pid, the other replies, until stopped) while, for a window:
 * <ul>
 *   <li>a process sleeps on a 5 ms receive timeout in a loop: <b>timer lateness</b> = time from
 *       entering the receive until it returned, minus 5 ms;</li>
 *   <li>a platform thread, every 5 ms, spawns a process (<b>spawn-to-run</b>: from the spawn
 *       call until the new process's body first runs) and calls a GenServer (<b>outside
 *       call</b>: call → reply, timeout {@link #CALL_TIMEOUT}). A call that takes longer than
 *       the period delays the next slot (the next spawn and call start at once, then the period
 *       resumes: no burst to catch up).</li>
 * </ul>
 * Four results per P, told apart by the param {@code measure}: {@code pingpong} (round trips/s
 * of all pairs over the window), {@code timer}, {@code call} and {@code spawn} (p50/p99 and the
 * distribution with {@code max_us}). The OTP side ({@code bench/otp/src/islands_fairness.erl})
 * measures the same in the same run.
 *
 * <p>Every wait is bounded, so a runtime that starves outside work (issue 13) gives figures,
 * not a hang: a call that times out counts as its waited time and in {@code timeouts}; a timer
 * wake-up or a spawned body that had not come when the load stopped counts with the time it
 * waited until it came, or until {@link #GRACE} more passed ({@code not_run}, {@code stuck}):
 * such a sample is a lower bound. The GenServer is started before the pairs (a start from
 * outside would be starved too), and the pairs are stopped by a flag, then killed if they do
 * not stop within the grace.
 *
 * <p>Who writes what: the timer process adds its samples under the lock of its
 * {@link Latencies}, which the main thread copies under the same lock (it may still be asleep);
 * the outside thread's samples and counters are read after it has been joined; a spawned body
 * writes its start time into its own {@link AtomicLongArray} slot and releases a permit of the
 * semaphore the main thread waits on; the pairs count round trips in a {@link LongAdder}.
 */
final class FairnessScenario {
    static final Duration PERIOD = Duration.ofMillis(5);
    /** How long an outside call waits for its reply before it counts as a timeout. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(1);
    /** How long each end-of-window step (stopping the pairs, collecting a sample) may wait. */
    static final Duration GRACE = Scenarios.GRACE;
    private static final Object PONG = "pong";
    private static final Object STOP = "stop";

    private FairnessScenario() {}

    /** @return the pair counts measured: 0, 1, 4×cores, 16×cores */
    static List<Integer> pairCounts(int cores) {
        return List.of(0, 1, 4 * cores, 16 * cores);
    }

    /** @return four results per pair count (pingpong, timer, call, spawn) */
    static List<ScenarioResult> run(boolean quick) throws InterruptedException {
        int cores = Runtime.getRuntime().availableProcessors();
        Duration window = quick ? Duration.ofSeconds(1) : Duration.ofSeconds(5);
        List<ScenarioResult> out = new ArrayList<>();
        for (int pairs : pairCounts(cores)) {
            System.err.println("bench: fairness, " + pairs + " busy pairs");
            out.addAll(measure(pairs, window, cores));
        }
        return out;
    }


    /** The process that sleeps on a receive timeout; its samples are read by the main thread under the lock. */
    private static final class TimerProbe {
        final Latencies lateness = new Latencies();
        final CountDownLatch done = new CountDownLatch(1);
        volatile long sleepingSince; // 0 when not in a receive
        volatile Pid pid;

        void run(long recordFrom, long deadline) {
            pid = Proc.self();
            long period = PERIOD.toNanos();
            try {
                while (System.nanoTime() < deadline) {
                    long s = System.nanoTime();
                    sleepingSince = s;
                    Proc.receive(PERIOD); // nothing is ever sent to it
                    long woke = System.nanoTime();
                    sleepingSince = 0;
                    if (woke >= recordFrom) { // a sleep begun in the warm-up counts if it ends in the window
                        synchronized (lateness) {
                            lateness.add(Math.max(0, woke - s - period));
                        }
                    }
                }
            } finally {
                done.countDown();
            }
        }
    }

    static List<ScenarioResult> measure(int pairs, Duration window, int cores) throws InterruptedException {
        int baseline = Proc.count();
        Pid server = GenServer.start(new EchoServer(), GenServer.StartOptions.DEFAULT.withStartTimeout(GRACE)
                .withLabel("fairness-echo")).pid();
        long warmUp = Scenarios.warmUp(window).toNanos();
        long t0 = System.nanoTime() + warmUp;
        long deadline = t0 + window.toNanos();

        TimerProbe timer = new TimerProbe();
        Proc.spawn(() -> timer.run(t0, deadline));

        LongAdder trips = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch pairsDone = new CountDownLatch(2 * pairs);
        List<Pid> pairPids = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            Pid ponger = Proc.spawn(() -> {
                try {
                    while (Proc.receive() instanceof Pid from) {
                        Proc.send(from, PONG);
                    }
                } finally {
                    pairsDone.countDown();
                }
            });
            Pid pinger = Proc.spawn(() -> {
                try {
                    Pid me = Proc.self();
                    while (!stop.get()) {
                        Proc.send(ponger, me);
                        Proc.receive();
                        trips.increment();
                    }
                    Proc.send(ponger, STOP);
                } finally {
                    pairsDone.countDown();
                }
            });
            pairPids.add(ponger);
            pairPids.add(pinger);
        }

        Outside outside = new Outside(server, t0, deadline, window);
        Thread outsideThread = Thread.ofPlatform().daemon().name("fairness-outside").start(outside::run);

        Scenarios.sleep(Duration.ofNanos(Math.max(0, t0 - System.nanoTime())));
        long tripsAtT0 = trips.sum();
        Scenarios.sleep(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        long tripsInWindow = trips.sum() - tripsAtT0;
        double secs = (System.nanoTime() - t0) / 1e9;

        // The end: every step waits at most GRACE (a starved runtime reports instead of hanging).
        stop.set(true);
        boolean pairsStopped = pairsDone.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        if (!pairsStopped) {
            pairPids.forEach(p -> Proc.exit(p, ExitReason.kill()));
            pairsDone.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
        long stopped = System.nanoTime(); // the load has ended (or GRACE passed trying)
        outsideThread.join(CALL_TIMEOUT.plus(GRACE).toMillis());
        boolean outsideStuck = outsideThread.isAlive();
        boolean timerStuck = !timer.done.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        Latencies lateness;
        synchronized (timer.lateness) {
            lateness = new Latencies().merge(timer.lateness);
        }
        long since = timer.sleepingSince;
        if (timerStuck && since != 0) { // still asleep: a lower bound
            lateness.add(System.nanoTime() - since - PERIOD.toNanos());
        }
        if (timerStuck && timer.pid != null) {
            Proc.exit(timer.pid, ExitReason.kill());
        }
        int spawnsNotRun = outside.awaitProbes(GRACE);
        try {
            GenServer.stop(server, ExitReason.normal(), GRACE);
        } catch (ExitException e) {
            Proc.exit(server, ExitReason.kill());
        }
        int left = Scenarios.processesLeft(baseline);

        Map<String, Object> common = new HashMap<>(Map.of("n", pairs, "pairs", pairs, "cores", cores,
                "period_ms", PERIOD.toMillis(), "duration_ms", window.toMillis(),
                "warm_up_ms", Duration.ofNanos(warmUp).toMillis(), "outside", "platform thread",
                "processes_left", left));
        List<ScenarioResult> out = new ArrayList<>();
        Map<String, Object> pp = new HashMap<>(common);
        pp.putAll(Map.of("measure", "pingpong", "round_trips", tripsInWindow, "pairs_killed", !pairsStopped,
                "load_stop_ms", (stopped - deadline) / 1e6));
        out.add(new ScenarioResult("fairness", "islands", tripsInWindow / secs, null, null, null, pp));
        out.add(line("timer", lateness, common, Map.of("samples_expected", window.toMillis() / PERIOD.toMillis(),
                "stuck", timerStuck ? 1 : 0)));
        out.add(line("call", outside.calls, common, Map.of("timeouts", outside.timeouts,
                "call_timeout_ms", CALL_TIMEOUT.toMillis(), "outside_stuck", outsideStuck)));
        out.add(line("spawn", outside.spawnToRun, common, Map.of("not_run", spawnsNotRun)));
        return out;
    }

    private static ScenarioResult line(String measure, Latencies lat, Map<String, Object> common,
            Map<String, Object> extra) {
        Map<String, Object> params = new HashMap<>(common);
        params.putAll(lat.distribution());
        params.putAll(extra);
        params.put("measure", measure);
        params.put("samples", lat.count());
        if (params.get("max_us") instanceof Double max) {
            params.put("max_ms", Math.round(max / 10.0) / 100.0);
        }
        return new ScenarioResult("fairness", "islands", null, lat.percentileUs(0.50), lat.percentileUs(0.99), null,
                params);
    }

    /** The platform thread: every {@link #PERIOD} from t0 until the deadline, one spawn and one call. */
    private static final class Outside {
        final Pid server;
        final long t0;
        final long deadline;
        final Latencies calls = new Latencies();
        final Latencies spawnToRun = new Latencies();
        final long[] spawnedAt;
        final AtomicLongArray ranAt;
        final Semaphore ran = new Semaphore(0);
        int timeouts;
        int spawns;

        Outside(Pid server, long t0, long deadline, Duration window) {
            this.server = server;
            this.t0 = t0;
            this.deadline = deadline;
            int slots = (int) (window.toNanos() / PERIOD.toNanos()) + 16;
            spawnedAt = new long[slots];
            ranAt = new AtomicLongArray(slots);
        }

        void run() {
            long next = t0;
            long period = PERIOD.toNanos();
            while (next < deadline && spawns < spawnedAt.length) {
                long now = System.nanoTime();
                if (now < next) {
                    LockSupport.parkNanos(next - now); // a platform thread's own timed wait
                    continue;
                }
                int k = spawns++; // first the spawn, which never blocks, so that a starved call does not delay it
                spawnedAt[k] = System.nanoTime();
                Proc.spawn(() -> {
                    ranAt.set(k, System.nanoTime());
                    ran.release();
                });
                long c = System.nanoTime();
                try {
                    GenServer.call(server, "ping", CALL_TIMEOUT);
                } catch (ExitException e) {
                    timeouts++;
                }
                calls.add(System.nanoTime() - c);
                next = Math.max(next + period, System.nanoTime());
            }
        }

        /**
         * Waits up to {@code grace} for every spawned body to have run, then records the
         * spawn-to-run samples; a body that has not run counts with its wait so far.
         *
         * @return how many bodies had not run
         */
        int awaitProbes(Duration grace) throws InterruptedException {
            ran.tryAcquire(spawns, grace.toMillis(), TimeUnit.MILLISECONDS);
            long now = System.nanoTime();
            int notRun = 0;
            for (int k = 0; k < spawns; k++) {
                long r = ranAt.get(k);
                if (r == 0) {
                    notRun++;
                    r = now;
                }
                spawnToRun.add(r - spawnedAt[k]);
            }
            return notRun;
        }
    }
}
