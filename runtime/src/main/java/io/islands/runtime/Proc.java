package io.islands.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Processes: spawn, send, receive, links, monitors and exits, with Erlang's semantics
 * (see docs/runtime.md and otp-semantics §1.7).
 *
 * <p>Each process runs on its own virtual thread with its own mailbox. Functions marked
 * "inside a process" throw {@link IllegalStateException} when called from a thread that is
 * not a process (a test's main thread, say).
 *
 * <table>
 *   <caption>Exit signals, by what the receiver does (otp-semantics §1.7)</caption>
 *   <tr><th>receiver traps exits?</th><th>signal</th><th>result</th></tr>
 *   <tr><td>no</td><td>reason normal from another process</td><td>dropped</td></tr>
 *   <tr><td>no</td><td>any other reason (including kill over a link)</td><td>the receiver exits with the same reason</td></tr>
 *   <tr><td>either</td><td>{@code exit(pid, kill)} sent explicitly</td><td>untrappable: exits with {@code killed}</td></tr>
 *   <tr><td>yes</td><td>anything but an explicit kill</td><td>the message {@link Exit}(from, reason)</td></tr>
 *   <tr><td>either</td><td>{@code exit(self(), normal)}</td><td>the caller exits with normal</td></tr>
 *   <tr><td>either</td><td>from a link that was removed</td><td>dropped</td></tr>
 * </table>
 *
 * <p>Ordering: messages and signals from one process to another arrive in the order sent,
 * except that a signal that ends the receiver takes effect at its next safe point, ahead of
 * messages still queued (as in Erlang, where they are never read).
 */
public final class Proc {
    private Proc() {}

    // ---- spawning --------------------------------------------------------------------------

    /** Starts a process running {@code body}. @return its pid; never blocks */
    public static Pid spawn(ProcessBody body) {
        return ProcessCell.spawn(Objects.requireNonNull(body, "body"), false, false, null).pid;
    }

    /**
     * Starts a process linked to the caller, atomically: the link exists before the new process
     * runs. Inside a process.
     */
    public static Pid spawnLink(ProcessBody body) {
        return ProcessCell.spawn(Objects.requireNonNull(body, "body"), true, false, null).pid;
    }

    /** @return the pid of the calling process. Inside a process */
    public static Pid self() {
        return cell().pid;
    }

    /** @return the calling process, or empty on a thread that is not a process */
    public static Optional<Pid> current() {
        ProcessCell c = ProcessCell.current();
        return c == null ? Optional.empty() : Optional.of(c.pid);
    }

    /** @return whether {@code pid} is alive now */
    public static boolean isAlive(Pid pid) {
        return pid.isAlive();
    }

    /** @return the number of live processes in this JVM */
    public static int count() {
        return ProcessCell.LIVE.size();
    }

    /** @return the live processes now (a snapshot, in no particular order) */
    public static List<Pid> all() {
        return ProcessCell.LIVE.values().stream().map(c -> c.pid).toList();
    }

    // ---- messages --------------------------------------------------------------------------

    /**
     * Sends {@code message} to {@code to}. Never blocks and never fails: a message to a dead
     * process is dropped, as in Erlang. @throws NullPointerException for a null message
     */
    public static void send(Pid to, Object message) {
        Objects.requireNonNull(message, "message");
        ProcessCell self = ProcessCell.current();
        if (self != null && self.isAlive()) { // an exit hook of a killed process may still send
            self.safePoint();
        }
        if (to.cell != null) {
            to.cell.deliver(message);
        }
    }

    /** Waits for the next message, for ever. Inside a process. */
    public static Object receive() {
        return cell().receive(null, -1);
    }

    /** Waits up to {@code timeout} for the next message. Inside a process. */
    public static Optional<Object> receive(Duration timeout) {
        return Optional.ofNullable(cell().receive(null, nanos(timeout)));
    }

    /**
     * Selective receive: waits up to {@code timeout} for the first message that {@code match}
     * accepts; the others stay queued in order. Inside a process.
     */
    public static Optional<Object> receive(Predicate<Object> match, Duration timeout) {
        return Optional.ofNullable(cell().receive(Objects.requireNonNull(match), nanos(timeout)));
    }

    /**
     * Selective receive of the first message of {@code type} that {@code match} accepts.
     * Inside a process.
     */
    public static <T> Optional<T> receive(Class<T> type, Predicate<? super T> match, Duration timeout) {
        Object m = cell().receive(o -> type.isInstance(o) && match.test(type.cast(o)), nanos(timeout));
        return Optional.ofNullable(type.cast(m));
    }

    /** @return the number of messages waiting in the mailbox of {@code pid} (0 if dead) */
    public static int mailboxSize(Pid pid) {
        return pid.cell == null ? 0 : pid.cell.mailboxSize();
    }

    // ---- exits and links -------------------------------------------------------------------

    /**
     * Ends the calling process with {@code reason} by throwing {@link ExitException}.
     * Inside a process. @return never
     */
    public static RuntimeException exit(ExitReason reason) {
        cell();
        throw new ExitException(Objects.requireNonNull(reason));
    }

    /**
     * Sends an exit signal with {@code reason} to {@code pid} (see the table above). Never
     * blocks; a signal to a dead process is dropped. When the caller ends itself this way,
     * it exits at once.
     */
    public static void exit(Pid pid, ExitReason reason) {
        Objects.requireNonNull(reason);
        ProcessCell self = ProcessCell.current();
        if (pid.cell != null) {
            pid.cell.exitSignal(self == null ? Pid.EXTERNAL : self.pid, reason, false);
        }
        if (self != null) {
            self.checkExit();
        }
    }

    /**
     * Links the caller and {@code pid} (bidirectional; at most one link per pair; linking to
     * oneself does nothing). If {@code pid} is dead: a caller that traps exits receives
     * {@code Exit(pid, noproc)}; otherwise the caller exits with noproc ({@link ExitException}).
     * Inside a process.
     */
    public static void link(Pid pid) {
        ProcessCell self = cell();
        self.checkExit();
        if (pid.cell == null || !self.link(pid.cell)) {
            if (self.trapExit) {
                self.deliver(new Exit(pid, ExitReason.NOPROC));
            } else {
                throw new ExitException(ExitReason.NOPROC, "link to dead process " + pid);
            }
        }
    }

    /** Removes the link between the caller and {@code pid}, if any. Inside a process. */
    public static void unlink(Pid pid) {
        ProcessCell self = cell();
        if (pid.cell != null) {
            self.unlink(pid.cell);
        }
    }

    /** Sets whether the caller traps exits (signals become {@link Exit} messages). Inside a process. */
    public static void trapExit(boolean trap) {
        cell().trapExit = trap;
    }

    /** @return the pids linked to {@code pid} now */
    public static List<Pid> links(Pid pid) {
        return pid.cell == null ? List.of() : pid.cell.links();
    }

    // ---- monitors --------------------------------------------------------------------------

    /**
     * Monitors {@code pid}: when it exits, the caller receives {@link Down}; if it is already
     * dead, the Down (reason noproc) is sent at once. Each call makes a new, independent
     * monitor. Inside a process.
     */
    public static MonitorRef monitor(Pid pid) {
        ProcessCell self = cell();
        MonitorRef[] holder = new MonitorRef[1];
        ProcessCell.Watch w = new ProcessCell.Watch() {
            @Override
            void down(Pid target, ExitReason reason) {
                self.deliver(new Down(holder[0], target, reason));
            }
        };
        MonitorRef ref = new MonitorRef(pid, w);
        holder[0] = ref;
        if (pid.cell == null || !pid.cell.watch(w)) {
            self.deliver(new Down(ref, pid, ExitReason.NOPROC));
        }
        return ref;
    }

    /**
     * Removes a monitor and any {@link Down} of it still in the caller's mailbox, so that no
     * Down for it is seen after this returns. Inside a process.
     */
    public static void demonitor(MonitorRef ref) {
        ProcessCell self = cell();
        if (ref.target.cell != null) {
            ref.target.cell.unwatch(ref.watch);
        }
        self.flush(m -> m instanceof Down d && d.ref() == ref);
    }

    // ---- names -----------------------------------------------------------------------------

    /** Sets a label shown in crash reports and the observer for the calling process. */
    public static void label(String label) {
        cell().label = label;
    }

    /** @return the label of {@code pid}, or null */
    public static String label(Pid pid) {
        return pid.cell == null ? null : pid.cell.label;
    }

    /** @return whether {@code pid} traps exits now (false if dead) */
    public static boolean trapsExits(Pid pid) {
        return pid.cell != null && pid.cell.isAlive() && pid.cell.trapExit;
    }

    // ---- helpers ---------------------------------------------------------------------------

    static ProcessCell cell() {
        ProcessCell c = ProcessCell.current();
        if (c == null) {
            throw new IllegalStateException("not inside a process: this function needs a calling process");
        }
        return c;
    }

    static long nanos(Duration timeout) {
        if (timeout == null) {
            return -1;
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout: " + timeout);
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return TimeUnit.DAYS.toNanos(365 * 100L);
        }
    }
}
