package io.islands.runtime;

import io.islands.runtime.observe.LongSchedule;
import io.islands.runtime.internal.EventDispatch;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The runtime's own scheduler thread: the timer service for processes' timed waits, fairness for
 * work that comes from outside the process world, and the long-schedule monitor.
 *
 * <h2>Design note</h2>
 * Processes are virtual threads on the JDK's scheduler, a ForkJoinPool. A virtual thread woken by
 * another virtual thread goes to the waking carrier's local queue; one woken from any other
 * thread (a platform thread's send, call or spawn, a Jetty thread, a timer) goes to a shared
 * submission queue. A carrier runs local tasks for as long as there are any, and looks at the
 * shared queues only when its local queue is empty. Processes that exchange messages in closed
 * loops keep local queues full for ever, so outside work waits for ever (issue 13's hang). The
 * JDK offers no way to bound that, nor (without opening {@code java.lang}) to plug in another
 * scheduler, so the runtime bounds it itself:
 *
 * <ol>
 *   <li><b>Probe.</b> This thread wakes a probe virtual thread through the shared queue while
 *       processes exist, and notes when it was submitted. A probe that has not run after
 *       {@link #starvationNanos} means outside work is starving. Probes come every
 *       {@link #probeNanos} while they are slow to run; each prompt one doubles the interval, up
 *       to {@link #MAX_PROBE_NANOS}, so an idle runtime pays about 60 wakes a second (at that
 *       interval a probe's delay is checked at the next probe's time).</li>
 *   <li><b>Yield.</b> Then {@link #yieldRequested} is set. Each process that reaches a safe point
 *       (receive, send, call, wait) while it is set parks and queues itself here: it is held
 *       until the probe has run, then woken by this thread, which submits it through the shared
 *       queue, behind the outside work. With every process held, the carriers' local queues run
 *       dry, the carriers scan the shared queues, and the outside work and the probe run. The
 *       probe clears the flag and wakes this thread, which releases the held processes.</li>
 * </ol>
 *
 * <p>Guarantee: as long as running processes pass through safe points, a virtual thread woken
 * from outside waits at most about one probe interval plus the starvation threshold (2 ms
 * under sustained load; up to 32 ms at the onset of load after a quiet spell) plus the
 * longest stretch any running process spends between two safe points, plus the run of what is
 * ahead of it in the shared queue (each of which stops at its next safe point while the flag is
 * up). Cost: nothing without starvation but a volatile read at each safe point; under
 * starvation, one park and one wake through this thread per running process per episode, an
 * episode at most every probe interval plus threshold (measured in docs/benchmarks.md).
 *
 * <p><b>Timers.</b> Every timed wait of a process (receive timeouts, {@code Next.Timeout} and
 * idle timeouts, call and start timeouts) is a deadline on the process itself, which is a
 * {@link TimerWheel.Node}: arming, re-arming and cancelling allocate nothing and are O(1). Waits
 * are armed lazily: a process that waits again with a deadline no earlier than the tick it is
 * already armed for only writes its new deadline; a wait that ends leaves the node armed with no
 * deadline. When the node fires, this thread reads the process's deadline: none, it drops the
 * node; later, it arms it again for then; due, it wakes the process, which checks its own
 * deadline. So the 5 s call timeout and the 24 h idle timeout of every move touch the wheel
 * about once per 5 s and once per day, not twice per move. A dead process leaves the wheel.
 * Ticks are 2<sup>18</sup> ns (262 µs); a timer fires at the first tick at or after its
 * deadline, never before.
 *
 * <p><b>Long schedules.</b> A process that computes without reaching a safe point cannot be
 * preempted on the JVM. Each safe point increments a counter in the process; processes register
 * in a small table of run slots when they resume. Every {@link #MONITOR_NANOS} this thread looks
 * at the slots: a process it sees running (not parked, its thread runnable) with the same count
 * at looks further apart than the threshold is reported, once per episode (as BEAM's
 * {@code system_monitor(long_schedule)}). The durations come from this thread's own clock, so
 * a report comes between the threshold and the threshold plus one look period into the stretch,
 * and the reported duration is a lower bound.
 *
 * <h2>Fields and who owns them</h2>
 * <ul>
 *   <li>{@code wheel}, {@code plannedWake}: guarded by {@code lock}.</li>
 *   <li>{@code yieldRequested}: set by this thread, cleared by the probe; read at safe points.</li>
 *   <li>{@code probePending}, {@code probeSubmitted}: written by this thread, cleared by the probe.</li>
 *   <li>{@code held}: any process offers itself; this thread polls.</li>
 *   <li>{@code nextProbe}, {@code nextMonitor}: this thread only. {@code watched}: written by
 *       this thread only, read by observers.</li>
 * </ul>
 */
final class Scheduler {
    /** A tick is 2^18 ns (262,144 ns). */
    static final int TICK_SHIFT = 18;
    static final long TICK_NANOS = 1L << TICK_SHIFT;
    private static final long MONITOR_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** The longest probe interval, reached while probes keep running promptly (an idle or lightly loaded runtime). */
    private static final long MAX_PROBE_NANOS = TimeUnit.MILLISECONDS.toNanos(16);
    private static final long BASE = System.nanoTime();
    private static final System.Logger LOG = System.getLogger("io.islands.runtime.schedule");

    /** Set while outside work starves: processes yield at their next safe point. */
    static volatile boolean yieldRequested;

    private static final long starvationNanos = micros("islands.scheduler.starvationMicros", 1_000);
    private static final long probeNanos = micros("islands.scheduler.probeMicros", 1_000);
    private static volatile long longScheduleNanos =
            TimeUnit.MILLISECONDS.toNanos(Long.getLong("islands.scheduler.longScheduleMillis", 100));

    static final Scheduler INSTANCE = new Scheduler();

    // ---- counters (Scheduling.stats) ----
    final AtomicLong probes = new AtomicLong();
    final AtomicLong episodes = new AtomicLong();
    final AtomicLong yields = new AtomicLong();
    final AtomicLong longSchedules = new AtomicLong();
    final AtomicLong timersFired = new AtomicLong();
    /** How many times the long-schedule monitor has looked (tests wait on it instead of on time). */
    final AtomicLong monitorLooks = new AtomicLong();
    volatile long maxProbeLatency;

    private final ReentrantLock lock = new ReentrantLock();
    private final TimerWheel wheel = new TimerWheel(0);
    private long plannedWake = Long.MAX_VALUE; // guarded by lock: nanos; MAX while running

    private final ConcurrentLinkedQueue<ProcessCell> held = new ConcurrentLinkedQueue<>();
    private volatile boolean probePending;
    private volatile long probeSubmitted;
    /** How long the last probe waited to run (written by the probe). */
    private volatile long lastProbeLatency;
    /** The probe interval now: doubles after each prompt probe up to {@link #MAX_PROBE_NANOS}. */
    private long probeInterval = probeNanos;
    private long nextProbe = BASE;
    private long nextMonitor = BASE;
    /** Processes seen running at the monitor's looks, by their safe-point count then and when first seen so. */
    private final Map<ProcessCell, Watched> watched = new ConcurrentHashMap<>();
    private final ArrayList<TimerWheel.Node> expired = new ArrayList<>();

    private final Thread thread;
    private final Thread probe;

    private Scheduler() {
        probe = Thread.ofVirtual().name("islands-fairness-probe").unstarted(this::probeLoop);
        thread = Thread.ofPlatform().daemon().name("islands-scheduler")
                .unstarted(this::loop);
        probe.start();
        thread.start();
    }

    private static long micros(String property, long dflt) {
        return TimeUnit.MICROSECONDS.toNanos(Math.max(50, Long.getLong(property, dflt)));
    }

    static Duration longScheduleThreshold() {
        return Duration.ofNanos(longScheduleNanos);
    }

    static void longScheduleThreshold(Duration threshold) {
        if (threshold.isNegative() || threshold.isZero()) {
            throw new IllegalArgumentException("long-schedule threshold must be positive: " + threshold);
        }
        longScheduleNanos = threshold.toNanos();
    }

    /** @return the first tick at or after {@code nanos} (a deadline never fires early) */
    static long ceilTick(long nanos) {
        return (nanos - BASE + TICK_NANOS - 1) >> TICK_SHIFT;
    }

    private static long tickNanos(long tick) {
        return tick == Long.MAX_VALUE ? Long.MAX_VALUE : BASE + (tick << TICK_SHIFT);
    }

    // ---- timed waits of processes ----------------------------------------------------------

    /**
     * Makes sure {@code cell} is woken at {@code deadline} (nanoTime) unless something wakes it
     * first. The caller (the process itself) then parks and re-checks its deadline on every wake.
     */
    void armWait(ProcessCell cell, long deadline) {
        cell.waitDeadline = deadline;
        long tick = ceilTick(deadline);
        long armed = cell.armedTick();
        if (armed != TimerWheel.NOT_ARMED && armed <= tick) {
            return; // it fires no later than needed; the deadline is re-read then
        }
        boolean wake;
        lock.lock();
        try {
            armed = cell.armedTick();
            if (armed != TimerWheel.NOT_ARMED) {
                if (armed <= tick) {
                    return;
                }
                wheel.remove(cell);
            }
            wheel.add(cell, tick);
            wake = tickNanos(tick) < plannedWake;
        } finally {
            lock.unlock();
        }
        if (wake) {
            LockSupport.unpark(thread);
        }
    }

    /** Takes a dead process's node out of the wheel, so that it holds no memory until its tick. */
    void disarm(ProcessCell cell) {
        cell.waitDeadline = 0;
        if (cell.armedTick() == TimerWheel.NOT_ARMED) {
            return;
        }
        lock.lock();
        try {
            wheel.remove(cell);
        } finally {
            lock.unlock();
        }
    }

    int timersArmed() {
        lock.lock();
        try {
            return wheel.size();
        } finally {
            lock.unlock();
        }
    }

    // ---- fairness --------------------------------------------------------------------------

    /**
     * Parks the calling process until the probe has run (see the design note). Called at a safe
     * point when {@link #yieldRequested} is set. Returns early if a terminating signal arrives.
     */
    void yieldProcess(ProcessCell cell) {
        yields.incrementAndGet();
        cell.yieldState = ProcessCell.HELD;
        held.offer(cell);
        if (!yieldRequested) {
            LockSupport.unpark(thread); // the flag fell while we queued: release us now
        }
        while (cell.yieldState == ProcessCell.HELD && !cell.exitPending()) {
            LockSupport.park(this);
        }
        cell.yieldState = ProcessCell.NOT_YIELDING; // running again
    }

    private void probeLoop() {
        for (;;) {
            LockSupport.park(this);
            if (!probePending) {
                continue;
            }
            long now = System.nanoTime();
            long latency = now - probeSubmitted;
            lastProbeLatency = latency;
            if (latency > maxProbeLatency) {
                maxProbeLatency = latency;
            }
            probePending = false;
            if (yieldRequested) {
                yieldRequested = false;
                LockSupport.unpark(thread); // release the held processes
            }
        }
    }

    // ---- the thread ------------------------------------------------------------------------

    private void loop() {
        for (;;) {
            try {
                long now = System.nanoTime();
                fireTimers(now);
                long wake = fairness(now);
                if (now - nextMonitor + MONITOR_NANOS / 2 >= 0) { // due, or half due and awake anyway
                    monitorLongSchedules(now);
                    nextMonitor = now + MONITOR_NANOS;
                }
                if (!ProcessCell.LIVE.isEmpty()) {
                    wake = Math.min(wake, nextMonitor);
                }
                sleepUntil(Math.min(wake, now + IDLE_NANOS), now);
            } catch (Throwable t) { // the scheduler must not die: log and go on
                LOG.log(System.Logger.Level.ERROR, "scheduler loop failed", t);
            }
        }
    }

    private void fireTimers(long now) {
        long tick = (now - BASE) >> TICK_SHIFT;
        lock.lock();
        try {
            wheel.advance(tick, expired::add);
        } finally {
            lock.unlock();
        }
        if (expired.isEmpty()) {
            return;
        }
        for (TimerWheel.Node n : expired) {
            ProcessCell cell = (ProcessCell) n;
            long deadline = cell.waitDeadline;
            if (deadline == 0 || !cell.isAlive()) {
                continue; // the wait ended before its deadline: nothing to do
            }
            if (ceilTick(deadline) > tick) {
                armWait(cell, deadline); // waiting again, for later: arm for then
            } else {
                timersFired.incrementAndGet();
                LockSupport.unpark(cell.thread);
            }
        }
        expired.clear();
    }

    /** @return when this thread must wake next for fairness */
    private long fairness(long now) {
        if (!yieldRequested) {
            ProcessCell c;
            while ((c = held.poll()) != null) {
                c.yieldState = ProcessCell.RELEASED;
                LockSupport.unpark(c.thread); // from this platform thread: to the shared queue
            }
        }
        if (probePending) {
            if (!yieldRequested && now - probeSubmitted >= starvationNanos) {
                episodes.incrementAndGet();
                yieldRequested = true;
            }
            if (yieldRequested) {
                return now + IDLE_NANOS;
            }
            // quiet (probes at their longest interval): look again at the next probe's time, not
            // one threshold later, so that a quiet runtime wakes once per probe
            return probeInterval >= MAX_PROBE_NANOS ? Math.max(nextProbe, probeSubmitted + starvationNanos)
                    : probeSubmitted + starvationNanos;
        }
        if (ProcessCell.LIVE.isEmpty()) {
            return Long.MAX_VALUE;
        }
        if (now - nextProbe >= 0) {
            probes.incrementAndGet();
            // prompt probes space out (an idle runtime pays ~60 wakes a second); a slow one brings them back
            probeInterval = lastProbeLatency < starvationNanos / 4
                    ? Math.min(2 * probeInterval, Math.max(probeNanos, MAX_PROBE_NANOS)) : probeNanos;
            probeSubmitted = now;
            probePending = true;
            nextProbe = now + probeInterval;
            LockSupport.unpark(probe);
            return probeInterval >= MAX_PROBE_NANOS ? nextProbe : now + starvationNanos;
        }
        return nextProbe;
    }

    private void sleepUntil(long wake, long now) {
        lock.lock();
        try {
            long due = tickNanos(wheel.nextDue());
            wake = Math.min(wake, due);
            plannedWake = wake;
        } finally {
            lock.unlock();
        }
        long nanos = wake - now;
        if (nanos > 0 && (yieldRequested || held.isEmpty())) {
            LockSupport.parkNanos(this, nanos);
        }
        lock.lock();
        try {
            plannedWake = Long.MAX_VALUE; // awake: armers need not wake us
        } finally {
            lock.unlock();
        }
    }

    // ---- long schedules --------------------------------------------------------------------

    /** A process the monitor saw running: its safe-point count then, since when, whether reported. */
    private record Watched(int safePoints, long since, boolean reported) {}

    private void monitorLongSchedules(long now) {
        monitorLooks.incrementAndGet();
        long threshold = longScheduleNanos;
        for (Iterator<Map.Entry<ProcessCell, Watched>> it = watched.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<ProcessCell, Watched> e = it.next();
            if (!runningNow(e.getKey()) || e.getKey().safePoints != e.getValue().safePoints()) {
                it.remove(); // it reached a safe point or stopped running: the episode is over
            }
        }
        for (int i = 0; i < RUN_SLOTS; i++) {
            ProcessCell c = (ProcessCell) SLOTS.getOpaque(slots, i * STRIDE);
            if (c == null || !runningNow(c)) {
                continue;
            }
            Watched w = watched.get(c);
            if (w == null) {
                watched.put(c, new Watched(c.safePoints, now, false));
                continue;
            }
            long running = now - w.since();
            if (w.reported() || running < threshold) {
                continue;
            }
            watched.put(c, new Watched(w.safePoints(), w.since(), true));
            longSchedules.incrementAndGet();
            LongSchedule event = new LongSchedule(c.pid, c.label, CrashReports.describe(c.current),
                    Duration.ofNanos(running));
            LOG.log(System.Logger.Level.WARNING, event);
            if (EventDispatch.active()) {
                EventDispatch.longSchedule(event);
            }
        }
    }

    /** @return whether {@code c} is on (or ready for) a carrier now: alive, not parked by the runtime, its thread runnable */
    private static boolean runningNow(ProcessCell c) {
        Thread t = c.thread;
        return c.isAlive() && !c.isParked() && c.yieldState == ProcessCell.NOT_YIELDING && t != null && t.getState() == Thread.State.RUNNABLE;
    }

    /** @return whether the monitor has seen {@code cell} run past the long-schedule threshold (for the observer) */
    boolean isLongSchedule(ProcessCell cell) {
        Watched w = watched.get(cell);
        return w != null && cell.safePoints == w.safePoints() && System.nanoTime() - w.since() >= longScheduleNanos;
    }

    // ---- run slots -------------------------------------------------------------------------

    /** Slots where running processes can be found; one per cache line, so writers do not share. */
    private static final int RUN_SLOTS = 1024;
    private static final int STRIDE = 16;
    private static final Object[] slots = new Object[RUN_SLOTS * STRIDE];
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);

    /**
     * Records that {@code cell} runs now, where the monitor looks. A slot held by another process
     * that is running too is left alone (a second slot is tried), so a process that runs long is
     * not pushed out by others. Owner thread, when it resumes.
     */
    static void running(ProcessCell cell) {
        int h = (int) cell.pid.id();
        if (claim(cell, (h & (RUN_SLOTS - 1)) * STRIDE)) {
            return;
        }
        claim(cell, ((h * 0x9E3779B1) >>> 22 & (RUN_SLOTS - 1)) * STRIDE);
    }

    private static boolean claim(ProcessCell cell, int i) {
        Object o = SLOTS.getOpaque(slots, i);
        if (o == cell) {
            return true;
        }
        if (o == null || !((ProcessCell) o).isAlive() || ((ProcessCell) o).isParked()) {
            SLOTS.setOpaque(slots, i, cell);
            return true;
        }
        return false;
    }

    /**
     * Frees the slot {@code cell} holds, if any: when it parks (so that the monitor's look reads
     * mostly empty slots, not thousands of parked processes) and when it dies (so that the table
     * keeps no dead process). Owner thread.
     */
    static void leave(ProcessCell cell) {
        int h = (int) cell.pid.id();
        int i = (h & (RUN_SLOTS - 1)) * STRIDE;
        if (SLOTS.getOpaque(slots, i) == cell) {
            SLOTS.compareAndSet(slots, i, cell, null);
            return;
        }
        i = ((h * 0x9E3779B1) >>> 22 & (RUN_SLOTS - 1)) * STRIDE;
        if (SLOTS.getOpaque(slots, i) == cell) {
            SLOTS.compareAndSet(slots, i, cell, null);
        }
    }
}
