package io.islands.runtime.supervisor;

import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.Name;
import io.islands.runtime.Pid;
import io.islands.runtime.StartResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A supervisor with a fixed, ordered list of children: Erlang's {@code supervisor} with the
 * {@code one_for_one}, {@code one_for_all} and {@code rest_for_one} strategies (otp-semantics
 * §1.4). For many children of one kind, started on demand, use {@link DynamicSupervisor}.
 *
 * <h2>Design note: who owns what</h2>
 * A supervisor is a {@link GenServer} process that traps exits. All its state (the child
 * list, the pid index, the restart window) is owned by that process's thread; the static
 * functions below run on the caller's thread and only send it requests and read immutable
 * replies ({@link ChildInfo}, {@link Counts}, {@link ChildResult}, {@link StartResult}). Child
 * start functions and shutdowns run on the supervisor's thread, one at a time, so a slow child
 * start or shutdown delays the supervisor's other work, as in OTP.
 *
 * <h2>Lifecycle</h2>
 * <ul>
 *   <li>Start: the arguments are validated first (an {@link IllegalArgumentException} is thrown
 *       in the caller, nothing is started). Then the children start one by one in list order,
 *       each linked to the supervisor. A child whose start returns ignore is kept as a spec
 *       without a pid (a temporary one is dropped). The first child whose start fails aborts the
 *       start: the children already started are stopped in reverse order, and the start returns
 *       {@code Error(shutdown(FailedToStartChild(id, reason)))}.</li>
 *   <li>A child exits: see the restart rules on {@link Restart} and the strategies on
 *       {@link Strategy}. Each restart counts towards the intensity ({@link SupervisorFlags}):
 *       one more than {@code intensity} within {@code period} and the supervisor stops all its
 *       children in reverse start order and exits with {@code shutdown}. Its own parent then
 *       restarts it only if it is permanent (a transient or temporary supervisor that gives up
 *       stays down). A restart whose start fails is retried, after the supervisor has read the
 *       messages already in its mailbox, and each retry counts as a restart; meanwhile the child
 *       shows as restarting.</li>
 *   <li>Stop: on an exit signal from its parent, on {@link #stop}, or when it gives up, the
 *       supervisor stops its children in reverse start order, each as its {@link Shutdown}
 *       says, then exits. Killed with {@code kill}, it stops nothing itself: its children, linked
 *       to it, get the exit signal {@code killed}.</li>
 * </ul>
 *
 * <table>
 *   <caption>Contract</caption>
 *   <tr><th>function</th><th>returns</th><th>errors (as return values)</th></tr>
 *   <tr><td>{@link #startLink}, {@link #start}</td><td>{@code Ok(pid)}</td><td>{@code Error(shutdown(FailedToStartChild(id, reason)))};
 *       {@code AlreadyStarted(pid)} when the name is taken. Throws IllegalArgumentException for invalid flags or children
 *       (null flags, null list or element, duplicate ids); startLink outside a process: IllegalStateException</td></tr>
 *   <tr><td>{@link #startChild}</td><td>{@code Ok(pid)}; {@code Ignore} (a non-temporary spec is kept without pid)</td>
 *       <td>{@code AlreadyStarted(pid)} when the id runs; {@code Error(ALREADY_PRESENT)} when the id is held without a
 *       pid; the start's own {@code Error}/{@code AlreadyStarted} (the spec is not kept)</td></tr>
 *   <tr><td>{@link #terminateChild}</td><td>{@link ChildResult#OK}: stopped as its Shutdown says (also when it was not
 *       running, or restarting: the retry is cancelled); the spec is kept, except a temporary one</td>
 *       <td>{@code NOT_FOUND}</td></tr>
 *   <tr><td>{@link #restartChild}</td><td>{@code Ok(pid)}, {@code Ignore}, or the start's own error; does not count towards
 *       the intensity</td><td>{@code Error(NOT_FOUND)}, {@code Error(RUNNING)}, {@code Error(RESTARTING)}</td></tr>
 *   <tr><td>{@link #deleteChild}</td><td>{@link ChildResult#OK}: the spec is removed</td>
 *       <td>{@code NOT_FOUND}, {@code RUNNING}, {@code RESTARTING}</td></tr>
 *   <tr><td>{@link #whichChildren}</td><td>one {@link ChildInfo} per spec, in start order</td><td>-</td></tr>
 *   <tr><td>{@link #countChildren}</td><td>{@link Counts}</td><td>-</td></tr>
 *   <tr><td>{@link #stop}</td><td>once the supervisor and its children have exited</td><td>-</td></tr>
 * </table>
 * {@code Error(X)} above is {@code StartResult.Error(ExitReason.other(SupervisorError.X))}; read
 * it with {@link SupervisorError#of(StartResult)}. Every function that takes a supervisor pid
 * waits for ever for the reply, like OTP's, and throws {@link io.islands.runtime.ExitException}
 * with reason {@code noproc} if the supervisor is not alive (or with its exit reason if it exits
 * first). {@link #terminateChild}, {@link #restartChild} and {@link #deleteChild} throw
 * {@link UnsupportedOperationException} if the pid is a {@link DynamicSupervisor}; the other
 * functions work on both kinds.
 * Do not call them from a child's start function or terminate (the supervisor is busy: that
 * waits for ever).
 *
 * <table>
 *   <caption>Exit reasons of a supervisor</caption>
 *   <tr><th>why</th><th>reason</th></tr>
 *   <tr><td>more than intensity restarts within the period</td><td>{@code shutdown}</td></tr>
 *   <tr><td>exit signal from its parent</td><td>the signal's reason</td></tr>
 *   <tr><td>{@link #stop}</td><td>the reason given ({@code normal} by default)</td></tr>
 *   <tr><td>a child failed to start during the supervisor's start</td><td>{@code {shutdown, FailedToStartChild}}</td></tr>
 * </table>
 */
public final class Supervisor {
    private Supervisor() {}

    /** Starts a supervisor linked to the calling process. Inside a process. See the contract. */
    public static StartResult startLink(SupervisorFlags flags, List<ChildSpec> children) {
        return startLink(flags, children, null);
    }

    /** Like {@link #startLink(SupervisorFlags, List)}, registered under {@code name} (nullable). */
    public static StartResult startLink(SupervisorFlags flags, List<ChildSpec> children, Name name) {
        return GenServer.startLink(new SupervisorServer(flags, validate(flags, children)), options(name));
    }

    /** Starts a supervisor that is not linked to the caller; works from any thread. */
    public static StartResult start(SupervisorFlags flags, List<ChildSpec> children) {
        return start(flags, children, null);
    }

    /** Like {@link #start(SupervisorFlags, List)}, registered under {@code name} (nullable). */
    public static StartResult start(SupervisorFlags flags, List<ChildSpec> children, Name name) {
        return GenServer.start(new SupervisorServer(flags, validate(flags, children)), options(name));
    }

    /**
     * @return a spec for a supervisor child that runs {@code startLink(flags, children)}; the
     *     arguments are validated now
     */
    public static ChildSpec childSpec(Object id, SupervisorFlags flags, List<ChildSpec> children) {
        List<ChildSpec> checked = validate(flags, children);
        return ChildSpec.supervisor(id, () -> startLink(flags, checked));
    }

    private static GenServer.StartOptions options(Name name) {
        return name == null ? GenServer.StartOptions.DEFAULT : GenServer.StartOptions.named(name);
    }

    /** @return an immutable copy of {@code children} @throws IllegalArgumentException see the contract */
    static List<ChildSpec> validate(SupervisorFlags flags, List<ChildSpec> children) {
        if (flags == null) {
            throw new IllegalArgumentException("supervisor: flags must not be null");
        }
        if (children == null) {
            throw new IllegalArgumentException("supervisor: children must not be null");
        }
        Map<Object, Integer> seen = new HashMap<>();
        for (int i = 0; i < children.size(); i++) {
            ChildSpec spec = children.get(i);
            if (spec == null) {
                throw new IllegalArgumentException("supervisor: children[" + i + "] must not be null");
            }
            Integer before = seen.putIfAbsent(spec.id(), i);
            if (before != null) {
                throw new IllegalArgumentException("supervisor: duplicate child id " + ChildSpec.quote(spec.id())
                        + " at children[" + before + "] and children[" + i + "]");
            }
        }
        return List.copyOf(children);
    }

    /** Adds and starts a child. See the contract. */
    public static StartResult startChild(Pid sup, ChildSpec spec) {
        if (spec == null) {
            throw new IllegalArgumentException("startChild: spec must not be null");
        }
        return (StartResult) Requests.call(sup, new Requests.StartChild(spec), "startChild");
    }

    /** Stops the child {@code id}, keeping its spec. See the contract. */
    public static ChildResult terminateChild(Pid sup, Object id) {
        return (ChildResult) Requests.call(sup, new Requests.TerminateChild(id), "terminateChild");
    }

    /** Starts again a child that is not running. See the contract. */
    public static StartResult restartChild(Pid sup, Object id) {
        return (StartResult) Requests.call(sup, new Requests.RestartChild(id), "restartChild");
    }

    /** Removes the spec of a child that is not running. See the contract. */
    public static ChildResult deleteChild(Pid sup, Object id) {
        return (ChildResult) Requests.call(sup, new Requests.DeleteChild(id), "deleteChild");
    }

    /** @return every child, in start order (for a {@link DynamicSupervisor}: in no order) */
    @SuppressWarnings("unchecked")
    public static List<ChildInfo> whichChildren(Pid sup) {
        return (List<ChildInfo>) Requests.call(sup, Requests.Simple.WHICH_CHILDREN, "whichChildren");
    }

    /** @return the counts of specs, running children, supervisors and workers */
    public static Counts countChildren(Pid sup) {
        return (Counts) Requests.call(sup, Requests.Simple.COUNT_CHILDREN, "countChildren");
    }

    /**
     * @return the supervisors alive now, static and dynamic, in no order (for tools such as the
     *     observer; a supervisor is listed from its init on until its exit begins)
     */
    public static List<Pid> running() {
        return List.copyOf(ChildStarter.LIVE);
    }

    /**
     * Asks a supervisor (static or dynamic) for its {@link SupervisorStatus}, for tools. Unlike
     * the management calls it waits at most {@code timeout}: a supervisor busy stopping or
     * starting a slow child answers late.
     *
     * @param maxChildren the most children to list, zero or more
     * @return its status, read by the supervisor process in one go
     * @throws IllegalArgumentException for a negative {@code maxChildren}
     * @throws io.islands.runtime.ExitException noproc if it is not alive, timeout if it does not
     *     answer in time
     * @throws UnsupportedOperationException if {@code sup} is alive but not a supervisor (it
     *     is sent nothing)
     */
    public static SupervisorStatus status(Pid sup, int maxChildren, Duration timeout) {
        if (maxChildren < 0) {
            throw new IllegalArgumentException("status: maxChildren must not be negative: " + maxChildren);
        }
        if (sup.isAlive() && !ChildStarter.LIVE.contains(sup)) {
            throw new UnsupportedOperationException("status: " + sup + " is not a supervisor");
        }
        return (SupervisorStatus) GenServer.call(sup, new Requests.GetStatus(maxChildren), timeout);
    }

    /** Stops the supervisor with reason normal and waits for ever until it has exited. */
    public static void stop(Pid sup) {
        stop(sup, ExitReason.normal(), null);
    }

    /**
     * Stops the supervisor (children first, in reverse start order) and waits until it has
     * exited, up to {@code timeout} (null: for ever). Works on a {@link DynamicSupervisor} too.
     *
     * @throws io.islands.runtime.ExitException noproc if it is not alive; timeout if it has not
     *     exited in time (it goes on stopping)
     */
    public static void stop(Pid sup, ExitReason reason, Duration timeout) {
        GenServer.stop(sup, reason, timeout);
    }
}
