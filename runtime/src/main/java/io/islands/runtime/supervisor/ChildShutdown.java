package io.islands.runtime.supervisor;

import io.islands.runtime.Down;
import io.islands.runtime.ExitReason;
import io.islands.runtime.MonitorRef;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * Stopping children, from inside their supervisor: one at a time (OTP's {@code shutdown/1}), or
 * all at once (Elixir's DynamicSupervisor {@code terminate_children}). Both monitor the child,
 * unlink it, send the signal, then wait for the {@link Down}; a Down is the only thing trusted,
 * so a child that unlinks itself cannot hang its supervisor.
 */
final class ChildShutdown {
    private ChildShutdown() {}

    /** A child to stop: its pid, how, and its restart type (for judging its exit reason). */
    record Target(Pid pid, Shutdown how, Restart restart) {}

    /**
     * Stops one child and waits for it as its {@link Shutdown} says.
     *
     * @return the reason it exited with
     */
    static ExitReason stop(Target t, String supervisor) {
        MonitorRef ref = Proc.monitor(t.pid());
        Proc.unlink(t.pid());
        Optional<Down> down = Optional.empty();
        switch (t.how()) {
            case Shutdown.BrutalKill b -> Proc.exit(t.pid(), ExitReason.kill());
            case Shutdown.Timeout timeout -> {
                Proc.exit(t.pid(), ExitReason.shutdown());
                down = awaitDown(ref, timeout.timeout());
                if (down.isEmpty()) {
                    Proc.exit(t.pid(), ExitReason.kill());
                }
            }
            case Shutdown.Infinity i -> Proc.exit(t.pid(), ExitReason.shutdown());
        }
        ExitReason reason = down.or(() -> awaitDown(ref, null)).orElseThrow().reason();
        if (!expected(t, reason)) {
            ChildStarter.LOG.log(Level.WARNING, "supervisor {0}: shutdown_error: child {1} exited with {2}",
                    supervisor, t.pid(), reason);
        }
        return reason;
    }

    private static Optional<Down> awaitDown(MonitorRef ref, Duration timeout) {
        return Proc.receive(Down.class, d -> d.ref() == ref, timeout);
    }

    /** OTP's shutdown/1 verdict: the reasons it does not report as shutdown errors. */
    private static boolean expected(Target t, ExitReason reason) {
        if (reason instanceof ExitReason.NoProc) {
            return true; // exited before the monitor: its EXIT told the supervisor already
        }
        if (t.restart() != Restart.PERMANENT && reason.isNormalExit()) {
            return true;
        }
        return t.how() instanceof Shutdown.BrutalKill
                ? reason instanceof ExitReason.Killed
                : reason.equals(ExitReason.shutdown());
    }

    /**
     * How many times in a row {@link #stopAll} yields its carrier, finding no Down, before it
     * parks. While Downs pour in, the dying children then deliver to a supervisor that is not
     * parked and need not unpark it: in A/B runs on the 2-core machine this halved the time to
     * stop 100,000 children. Bounded, so a wait for slow children costs a few yields only.
     */
    private static final int YIELDS_BEFORE_PARK = 16;

    /** The message a timer process sends when the children in {@code group} are late. */
    private record Deadline(List<Pid> group) {}

    /**
     * Stops all {@code targets} concurrently: signals every one first, then waits for all their
     * Downs, killing each late child when its own timeout (counted from when all are signalled)
     * expires. For a supervisor's own termination only: any other message that arrives meanwhile
     * is dropped, as the supervisor exits next.
     *
     * <p>Timeouts are messages from one small timer process per distinct timeout (OTP's
     * {@code erlang:start_timer}), so the loop waits with an untimed receive: a timed park of a
     * virtual thread costs a timer task each time, which adds up over 100,000 Downs.
     *
     * @return how many children had to be killed after their timeout
     */
    static int stopAll(List<Target> targets, String supervisor) {
        HashMap<Pid, Target> pending = HashMap.newHashMap(targets.size());
        HashMap<Duration, List<Pid>> byTimeout = new HashMap<>();
        for (Target t : targets) {
            Proc.monitor(t.pid());
            Proc.unlink(t.pid());
            Proc.exit(t.pid(), t.how() instanceof Shutdown.BrutalKill ? ExitReason.kill() : ExitReason.shutdown());
            pending.put(t.pid(), t);
            if (t.how() instanceof Shutdown.Timeout timeout) {
                byTimeout.computeIfAbsent(timeout.timeout(), d -> new ArrayList<>()).add(t.pid());
            }
        }
        Pid self = Proc.self();
        List<Pid> timers = new ArrayList<>();
        byTimeout.forEach((after, group) -> timers.add(Proc.spawn(() -> {
            Proc.receive(m -> false, after);
            Proc.send(self, new Deadline(group));
        })));
        int killed = 0;
        int unexpected = 0;
        ExitReason example = null;
        try {
            int idle = 0;
            while (!pending.isEmpty()) {
                Object m = Proc.receive(Duration.ZERO).orElse(null);
                if (m == null && idle++ < YIELDS_BEFORE_PARK) {
                    Thread.yield();
                    continue;
                }
                if (m == null) {
                    m = Proc.receive();
                }
                idle = 0;
                if (m instanceof Down d) {
                    Target t = pending.remove(d.pid());
                    if (t != null && !expected(t, d.reason())) {
                        unexpected++;
                        example = d.reason();
                    }
                } else if (m instanceof Deadline late) {
                    for (Pid pid : late.group()) {
                        if (pending.containsKey(pid)) {
                            Proc.exit(pid, ExitReason.kill());
                            killed++;
                        }
                    }
                }
            }
        } finally {
            timers.forEach(timer -> Proc.exit(timer, ExitReason.shutdown()));
        }
        if (unexpected > 0) {
            ChildStarter.LOG.log(Level.WARNING,
                    "supervisor {0}: shutdown_error: {1} children exited with unexpected reasons, e.g. {2}",
                    supervisor, unexpected, example);
        }
        return killed;
    }
}
