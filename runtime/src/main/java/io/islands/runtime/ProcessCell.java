package io.islands.runtime;

import io.islands.runtime.internal.ExitHook;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * One process: a virtual thread, its mailbox, its links and monitors, and its exit.
 *
 * <h2>Design note</h2>
 * A process runs its body on its own virtual thread. Other threads reach it only through
 * {@link #deliver} (a message), {@link #exitSignal} (a signal) and the link/monitor tables.
 *
 * <p>Mailbox: a lock-free multi-producer queue that only the owner thread polls. The owner
 * parks when the queue is empty; a sender that sees {@code parked} unparks it (both sides
 * write then read volatile state, so one of them always sees the other). Messages skipped by a
 * selective receive wait in {@code saved}, which only the owner touches.
 *
 * <p>Signals that end the process are not queued: the first one sets {@code pendingExit} and
 * unparks the owner, which throws {@link Unwind} at its next safe point (every receive, send,
 * call and wait of this runtime). The thread is not interrupted: an interrupt would abort a
 * store write or a socket half-way. So work between two safe points is never cut in two: a
 * server that saves its state and then replies is never killed between the save and the reply.
 * The price, a documented difference from OTP: a process blocked outside the runtime (I/O,
 * {@code Thread.sleep}) or in a CPU loop ends only when it reaches a safe point. Until then it
 * is alive for everybody else, so a killed process never runs on after its death has been
 * announced, and its name cannot be taken over while it still runs.
 *
 * <p>Scheduling: every safe point also counts itself in {@code safePoints} (for the long-schedule monitor)
 * and, while the {@link Scheduler} reports that work from outside the process world is
 * starving, parks the process until that work has run. Guarantee: while running processes pass
 * through safe points, a virtual thread woken from outside the process world waits at most about
 * 2 ms under sustained load (32 ms at the onset after a quiet spell) plus the longest stretch a
 * running process spends between two safe points. Cost: one volatile read and one counter
 * increment per safe point; under starvation one park and one wake per running process per
 * episode (the {@link Scheduler}'s note has the mechanism). Timed waits are deadlines on the
 * process itself, which is the {@link Scheduler}'s timer node: no timed park goes through the
 * JDK. A wait arms its timer before it sets {@code parked}: arming may wait for the scheduler's
 * lock, and a park inside that lock would take the wake-up meant for the wait's own park.
 *
 * <p>Exit order, as in OTP: the state becomes EXITING (no new links or monitors), exit hooks run
 * (registered names and owned tables are released), then links get exit signals and monitors
 * get DOWN.
 *
 * <h2>Fields and who owns them</h2>
 * <ul>
 *   <li>{@code queue}: any thread offers; the owner thread polls.</li>
 *   <li>{@code saved}, {@code current}: the owner thread only.</li>
 *   <li>{@code parked}, {@code thread}, {@code trapExit}, {@code label}: volatile; written by
 *       the owner (or before start), read by any thread.</li>
 *   <li>{@code pendingExit}: set once by the first terminating signal (under {@code this}).</li>
 *   <li>{@code waitDeadline}, {@code safePoints}: written by the owner thread; read by the
 *       scheduler thread. The timer node's links: the scheduler's lock.</li>
 *   <li>{@code yieldState}: {@code HELD} set by the owner; {@code RELEASED} set by the scheduler
 *       thread; back to {@code NOT_YIELDING} by the owner once it runs again (so a released
 *       process still queued for a carrier is not taken for a running one).</li>
 *   <li>{@code state}, {@code links}, {@code watches}, {@code hooks}, {@code exitReason}:
 *       guarded by {@code this}; critical sections are short and never block. {@code state}
 *       is also volatile for lock-free {@link #isAlive()}.</li>
 * </ul>
 */
final class ProcessCell extends TimerWheel.Node implements Runnable {
    static final int RUNNING = 0;
    static final int EXITING = 1;
    static final int DEAD = 2;

    /**
     * Every live process by its thread: how a thread finds its process ({@link #current()}),
     * and the list for counts, leak checks and the observer. One map rather than a ThreadLocal
     * plus a list: about 150 bytes less per process.
     */
    static final ConcurrentHashMap<Thread, ProcessCell> LIVE = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();
    private static final ThreadFactory THREADS =
            Thread.ofVirtual().inheritInheritableThreadLocals(false).factory(); // unnamed: saves heap

    /** Something that wants to know when this process exits: a monitor or a waiting caller. */
    abstract static class Watch {
        abstract void down(Pid pid, ExitReason reason);
    }

    final Pid pid;
    final Pid parent;
    private ProcessBody body; // until the thread starts it
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private ArrayDeque<Object> saved;
    /** The message being handled, for crash reports and the observer (owner thread). */
    volatile Object current;
    volatile String label;
    volatile Thread thread;
    volatile boolean trapExit;
    private volatile boolean parked;
    private volatile ExitReason pendingExit;
    /** The deadline (nanoTime) of the timed wait in progress, 0 if none: the owner writes, the scheduler reads. */
    volatile long waitDeadline;
    /** Counts the safe points passed (wrapping): the owner increments it, the long-schedule monitor reads it. */
    int safePoints;
    /** Held by the scheduler at a safe point until outside work has run (see {@link Scheduler}). */
    volatile byte yieldState;
    static final byte NOT_YIELDING = 0;
    static final byte HELD = 1;
    static final byte RELEASED = 2;
    private volatile int state = RUNNING;

    // guarded by this
    private Object links; // null | ProcessCell | HashSet<ProcessCell>
    private Set<Watch> watches;
    private List<ExitHook> hooks;
    private ExitReason exitReason;

    private ProcessCell(Pid parent) {
        this.pid = new Pid(IDS.incrementAndGet(), this);
        this.parent = parent;
    }

    static ProcessCell current() {
        return LIVE.get(Thread.currentThread());
    }

    static ProcessCell spawn(ProcessBody body, boolean link, boolean trapExit, String label) {
        ProcessCell self = current();
        if (link && self == null) {
            throw new IllegalStateException("spawn_link from outside a process: there is no caller to link to");
        }
        ProcessCell cell = new ProcessCell(self == null ? Pid.EXTERNAL : self.pid);
        cell.trapExit = trapExit;
        cell.label = label;
        if (link) {
            self.checkExit();
            synchronized (self) {
                synchronized (cell) {
                    self.addLink(cell);
                    cell.addLink(self);
                }
            }
        }
        cell.body = body;
        Thread t = THREADS.newThread(cell);
        cell.thread = t;
        LIVE.put(t, cell);
        t.start();
        return cell;
    }

    boolean isAlive() {
        return state == RUNNING;
    }

    int state() {
        return state;
    }

    /** @return whether the owner is parked, waiting for a message, a reply or a signal */
    boolean isParked() {
        return parked;
    }

    // ---- lifecycle -------------------------------------------------------------------------

    /** The process thread's entry point; not for other callers. */
    @Override
    public void run() {
        if (Thread.currentThread() != thread || body == null) {
            throw new IllegalStateException("ProcessCell.run is the process thread's entry point");
        }
        ProcessBody body = this.body;
        this.body = null;
        ExitReason reason;
        resumed();
        try {
            checkExit();
            body.run();
            reason = ExitReason.NORMAL;
        } catch (Hibernated h) {
            return; // the process goes on on its new thread (hibernate)
        } catch (Unwind u) {
            reason = u.reason;
        } catch (ExitException e) {
            reason = e.reason();
        } catch (Throwable t) {
            reason = ExitReason.crash(t);
        }
        ExitReason pending = pendingExit;
        if (pending != null) {
            reason = pending; // a signal ended it, whatever the body did on its way out
        }
        Thread.interrupted();
        die(reason, pending != null);
    }

    private void die(ExitReason reason, boolean bySignal) {
        Object myLinks;
        Set<Watch> myWatches;
        List<ExitHook> myHooks;
        synchronized (this) {
            state = EXITING;
            exitReason = reason;
            myLinks = links;
            links = null;
            myWatches = watches;
            watches = null;
            myHooks = hooks;
            hooks = null;
        }
        if (myHooks != null) {
            for (int i = myHooks.size() - 1; i >= 0; i--) {
                try {
                    myHooks.get(i).onExit(pid, reason);
                } catch (RuntimeException e) {
                    CrashReports.hookFailed(this, e);
                }
            }
        }
        state = DEAD;
        LIVE.remove(thread);
        Scheduler.INSTANCE.disarm(this);
        Scheduler.leave(this);
        CrashReports.exited(this, reason, bySignal);
        current = null;
        queue.clear();
        saved = null;
        forEachLink(myLinks, other -> {
            boolean wasLinked;
            synchronized (other) {
                wasLinked = other.removeLink(this);
            }
            if (wasLinked) {
                other.exitSignal(pid, reason, true);
            }
        });
        if (myWatches != null) {
            for (Watch w : myWatches) {
                w.down(pid, reason);
            }
        }
    }

    /**
     * Hibernates (OTP's {@code hibernate}): the process goes on running {@code resume} on a fresh
     * virtual thread, and the calling thread, this process's, ends at once by throwing (it must
     * not catch it). The JVM keeps a virtual thread's parked stack in chunks sized by the deepest
     * stack it ever parked; a fresh thread that waits right away parks a shallow one. The process
     * is the same for everybody (pid, mailbox, links, monitors, names, timers); a signal or
     * message that arrives meanwhile is seen by the new thread, which checks both before it
     * parks (the swap publishes {@code thread} before the new thread starts). Owner thread, at a
     * wait, never inside a call.
     */
    void hibernate(ProcessBody resume) {
        Thread old = thread;
        Thread next = THREADS.newThread(this);
        body = resume;
        LIVE.put(next, this);
        thread = next;
        LIVE.remove(old);
        Scheduler.leave(this);
        next.start();
        throw Hibernated.INSTANCE;
    }

    // ---- messages --------------------------------------------------------------------------

    /** Queues a message; dropped when the process is dead. Any thread. */
    void deliver(Object message) {
        if (state == DEAD) {
            return;
        }
        queue.offer(message);
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Takes the first message that matches, waiting up to {@code timeoutNanos} (negative: for
     * ever). Owner thread only. @return the message, or null on timeout
     */
    Object receive(Predicate<Object> match, long timeoutNanos) {
        safePoint();
        Object m = takeSaved(match);
        if (m != null) {
            return m;
        }
        long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
        for (;;) {
            checkExit();
            while ((m = queue.poll()) != null) {
                if (match == null || match.test(m)) {
                    return m;
                }
                saved().add(m);
            }
            if (timeoutNanos == 0) {
                return null;
            }
            if (timeoutNanos > 0 && deadline - System.nanoTime() <= 0) {
                return null;
            }
            long until = timeoutNanos > 0 ? deadline : 0;
            armTimer(until);
            parked = true;
            try {
                if (queue.isEmpty() && pendingExit == null && !passed(until)) {
                    Scheduler.leave(this);
                    LockSupport.park(this);
                }
            } finally {
                parked = false;
            }
            resumedFromPark(until);
        }
    }

    /**
     * Arms the scheduler's timer to wake the owner at {@code deadline} (nanoTime; 0: none).
     * Called before {@code parked} is set: arming may wait for the scheduler's lock, and a park
     * inside that lock would take the wake-up (the park permit) meant for the owner's own park,
     * which is why the caller then re-checks every wake condition before it parks. Owner thread.
     */
    private void armTimer(long deadline) {
        if (deadline != 0) {
            Scheduler.INSTANCE.armWait(this, deadline);
        }
    }

    private static boolean passed(long deadline) {
        return deadline != 0 && deadline - System.nanoTime() <= 0;
    }

    /** After a park: the timed wait is over (its node stays armed; the scheduler drops it when it fires). */
    private void resumedFromPark(long deadline) {
        if (deadline != 0) {
            waitDeadline = 0;
        }
        Thread.interrupted(); // an interrupt from user code must not make park spin
        resumed();
    }

    /** Counts this safe point and tells the scheduler where this process runs. Owner thread. */
    private void resumed() {
        safePoints++;
        Scheduler.running(this);
    }

    /**
     * A safe point: ends the process if a terminating signal has arrived, counts itself for the
     * long-schedule monitor, and yields to starving outside work (see {@link Scheduler}). Owner
     * thread, while the process runs (not from its exit hooks).
     */
    void safePoint() {
        checkExit();
        safePoints++;
        if (Scheduler.yieldRequested) {
            Scheduler.INSTANCE.yieldProcess(this);
            checkExit();
            resumed();
        }
    }

    /** @return whether a terminating signal has arrived (the process unwinds at its next safe point) */
    boolean exitPending() {
        return pendingExit != null;
    }

    private Object takeSaved(Predicate<Object> match) {
        if (saved == null || saved.isEmpty()) {
            return null;
        }
        if (match == null) {
            return saved.poll();
        }
        for (Iterator<Object> it = saved.iterator(); it.hasNext(); ) {
            Object m = it.next();
            if (match.test(m)) {
                it.remove();
                return m;
            }
        }
        return null;
    }

    private ArrayDeque<Object> saved() {
        if (saved == null) {
            saved = new ArrayDeque<>();
        }
        return saved;
    }

    /** Removes queued messages that match (owner thread), e.g. a stale DOWN after demonitor. */
    void flush(Predicate<Object> match) {
        queue.removeIf(match);
        if (saved != null) {
            saved.removeIf(match);
        }
    }

    /** @return how many messages wait (approximate; for the observer) */
    int mailboxSize() {
        ArrayDeque<Object> s = saved;
        return queue.size() + (s == null ? 0 : s.size());
    }

    /**
     * Parks the calling thread until {@code done} says so or {@code timeoutNanos} pass (negative:
     * no limit), ending the
     * process at once if a terminating signal arrives. Used by calls and starts that wait.
     * Any thread; for a thread outside a process it simply parks.
     */
    static void await(java.util.function.BooleanSupplier done, long timeoutNanos) {
        ProcessCell self = current();
        final long start = System.nanoTime();
        while (!done.getAsBoolean()) {
            if (self != null) {
                self.checkExit();
            }
            long wait = timeoutNanos < 0 ? Long.MAX_VALUE : timeoutNanos - (System.nanoTime() - start);
            if (wait <= 0) {
                return;
            }
            if (self == null) {
                if (!done.getAsBoolean()) {
                    LockSupport.parkNanos(wait); // a thread outside the process world: the OS's timer
                }
                continue;
            }
            long until = timeoutNanos < 0 ? 0 : start + timeoutNanos;
            self.armTimer(until);
            self.parked = true;
            try {
                if (!done.getAsBoolean() && self.pendingExit == null && !passed(until)) {
                    Scheduler.leave(self);
                    LockSupport.park(self);
                }
            } finally {
                self.parked = false;
            }
            self.resumedFromPark(until);
        }
    }

    // ---- signals ---------------------------------------------------------------------------

    /** Throws {@link Unwind} if a terminating signal has arrived. Owner thread. */
    void checkExit() {
        ExitReason r = pendingExit;
        if (r != null) {
            throw new Unwind(r);
        }
    }

    /**
     * Delivers an exit signal from {@code from} (otp-semantics §1.7). Any thread.
     *
     * @param viaLink true when {@code from} died and this is its link signal; false for an
     *     explicit {@link Proc#exit(Pid, ExitReason)}
     */
    void exitSignal(Pid from, ExitReason reason, boolean viaLink) {
        if (state != RUNNING) {
            return;
        }
        if (!viaLink && reason instanceof ExitReason.Kill) {
            terminate(ExitReason.KILLED);
        } else if (trapExit) {
            deliver(new Exit(from, reason));
        } else if (reason instanceof ExitReason.Normal) {
            if (from.equals(pid)) {
                terminate(reason); // exit(self(), normal) ends the caller
            }
        } else {
            terminate(reason);
        }
    }

    /** Makes the process end with {@code reason} at its next safe point. First signal wins. */
    private void terminate(ExitReason reason) {
        synchronized (this) {
            if (pendingExit != null || state != RUNNING) {
                return;
            }
            pendingExit = reason;
        }
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            LockSupport.unpark(t); // no interrupt: it would abort I/O half-way (see design note)
        }
    }

    // ---- links -----------------------------------------------------------------------------

    /**
     * Links this (running, calling) process to {@code other}.
     *
     * @return false when {@code other} is not alive (the caller handles noproc)
     */
    boolean link(ProcessCell other) {
        if (other == this) {
            return true;
        }
        ProcessCell first = pid.id() < other.pid.id() ? this : other;
        ProcessCell second = first == this ? other : this;
        synchronized (first) {
            synchronized (second) {
                if (other.state != RUNNING) {
                    return false;
                }
                if (state == RUNNING) {
                    addLink(other);
                    other.addLink(this);
                }
                return true;
            }
        }
    }

    void unlink(ProcessCell other) {
        ProcessCell first = pid.id() < other.pid.id() ? this : other;
        ProcessCell second = first == this ? other : this;
        synchronized (first) {
            synchronized (second) {
                removeLink(other);
                other.removeLink(this);
            }
        }
    }

    // guarded by this
    @SuppressWarnings("unchecked")
    private void addLink(ProcessCell other) {
        if (links == null) {
            links = other;
        } else if (links instanceof ProcessCell single) {
            if (single != other) {
                HashSet<ProcessCell> set = new HashSet<>(4);
                set.add(single);
                set.add(other);
                links = set;
            }
        } else {
            ((HashSet<ProcessCell>) links).add(other);
        }
    }

    // guarded by this
    @SuppressWarnings("unchecked")
    private boolean removeLink(ProcessCell other) {
        if (links == other) {
            links = null;
            return true;
        }
        return links instanceof HashSet<?> set && ((HashSet<ProcessCell>) set).remove(other);
    }

    @SuppressWarnings("unchecked")
    private static void forEachLink(Object links, java.util.function.Consumer<ProcessCell> action) {
        if (links instanceof ProcessCell single) {
            action.accept(single);
        } else if (links != null) {
            for (ProcessCell c : (HashSet<ProcessCell>) links) {
                action.accept(c);
            }
        }
    }

    /** @return the pids this process is linked to now (a copy) */
    synchronized List<Pid> links() {
        List<Pid> out = new ArrayList<>();
        forEachLink(links, c -> out.add(c.pid));
        return out;
    }

    // ---- monitors and exit hooks -----------------------------------------------------------

    /**
     * Adds a watch that is told when this process exits.
     *
     * @return false if this process is already exiting or dead (the watch is not added)
     */
    boolean watch(Watch w) {
        synchronized (this) {
            if (state != RUNNING) {
                return false;
            }
            if (watches == null) {
                watches = new HashSet<>(4);
            }
            watches.add(w);
            return true;
        }
    }

    synchronized void unwatch(Watch w) {
        if (watches != null) {
            watches.remove(w);
            if (watches.isEmpty()) {
                watches = null;
            }
        }
    }

    /** @return the exit reason once this process has begun to exit, else null */
    synchronized ExitReason exitReason() {
        return exitReason;
    }

    /**
     * Adds a hook run when this process exits, before its links and monitors are told.
     *
     * @return false if the process is already exiting or dead (the hook is not added)
     */
    boolean addExitHook(ExitHook hook) {
        synchronized (this) {
            if (state != RUNNING) {
                return false;
            }
            if (hooks == null) {
                hooks = new ArrayList<>(2);
            }
            hooks.add(hook);
            return true;
        }
    }

    synchronized void removeExitHook(ExitHook hook) {
        if (hooks != null) {
            hooks.remove(hook);
        }
    }

    /** Thrown by {@link #hibernate} to end the thread the process has left. */
    static final class Hibernated extends Error {
        static final Hibernated INSTANCE = new Hibernated();

        private Hibernated() {
            super("process hibernated", null, false, false);
        }
    }

    /** Thrown at a safe point to unwind a process that a signal has ended. */
    static final class Unwind extends Error {
        final transient ExitReason reason;

        Unwind(ExitReason reason) {
            super("process exiting: " + reason, null, false, false);
            this.reason = reason;
        }
    }
}
