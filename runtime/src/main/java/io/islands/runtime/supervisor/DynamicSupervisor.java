package io.islands.runtime.supervisor;

import io.islands.runtime.GenServer;
import io.islands.runtime.Name;
import io.islands.runtime.Pid;
import io.islands.runtime.StartResult;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A supervisor that starts empty and takes children on demand, each from its own
 * {@link ChildSpec}: Elixir's {@code DynamicSupervisor} (otp-semantics §1.4). Strategy
 * one_for_one only. Built to hold millions of children: starting, restarting and terminating one
 * child are O(1) (a hash map by pid), counting is O(1), and the supervisor's own shutdown stops
 * all children concurrently.
 *
 * <h2>Design note: who owns what</h2>
 * The supervisor is a {@link GenServer} process that traps exits; its maps of children, counters
 * and restart windows are owned by its thread alone. The static functions below run on the
 * caller's thread and exchange immutable requests and replies with it. The {@link
 * Options#onGiveUp} listener runs on the supervisor's thread.
 *
 * <h2>Restarts</h2>
 * A child is restarted by its {@link Restart} type as in {@link Supervisor}; a child that is not
 * restarted is removed (specs are not kept). Two limits apply, the per-child one first:
 * <ol>
 *   <li><b>Per child</b> (Islands' extension, off by default): more than {@code
 *       maxRestartsPerChild} restarts of one child within {@code perChildPeriod} and the
 *       supervisor gives up on <b>that child alone</b>: it is removed instead of restarted, the
 *       restart is not counted supervisor-wide, and {@link Options#onGiveUp} receives a {@link
 *       GivenUp}. A restart whose start fails is retried (after the messages already queued), and
 *       each retry counts, so a child that cannot start is given up too.</li>
 *   <li><b>Supervisor-wide</b> (OTP's intensity; default 3 in 5 s): more than {@code intensity}
 *       restarts of all children together within {@code period} and the supervisor stops all
 *       children and exits with {@code shutdown}. {@link #UNLIMITED} turns it off.</li>
 * </ol>
 * <b>Difference from OTP:</b> OTP has only the supervisor-wide limit, so one child in a crash
 * loop takes all its siblings down with the supervisor. For many independent children (one per
 * game), set a per-child limit to contain a crash loop to its child, and raise the supervisor-wide
 * intensity (or set it {@link #UNLIMITED}) so that it only catches failures of the system as a
 * whole: with {@code maxRestartsPerChild(3, 1 s)} and an unlimited intensity, one game that keeps
 * crashing is stopped alone, while 1,000 games each crashing once within a second are all
 * restarted and nothing else stops.
 *
 * <h2>Shutdown</h2>
 * When the supervisor stops (exit signal from its parent, {@link Supervisor#stop}, or giving
 * up), it monitors, unlinks and signals every child first ({@code kill} for brutal kill, else
 * {@code shutdown}), then waits for all of them, killing each child still alive when its own
 * shutdown timeout (counted from when all are signalled) expires. Children stop in no defined
 * order, as in OTP's simple_one_for_one.
 *
 * <table>
 *   <caption>Contract</caption>
 *   <tr><th>function</th><th>returns</th><th>errors</th></tr>
 *   <tr><td>{@link #startLink}, {@link #start}</td><td>{@code Ok(pid)}</td><td>{@code AlreadyStarted(pid)} when the name
 *       is taken; startLink outside a process: IllegalStateException</td></tr>
 *   <tr><td>{@link #startChild}</td><td>{@code Ok(pid)}; {@code Ignore} (nothing kept)</td><td>{@code Error(MAX_CHILDREN)}
 *       when it holds maxChildren children (restarting ones included); the start's own {@code Error} or
 *       {@code AlreadyStarted} (nothing kept); null spec: IllegalArgumentException</td></tr>
 *   <tr><td>{@link #terminateChild}</td><td>{@link ChildResult#OK}: stopped as its Shutdown says and removed (a child
 *       waiting for a restart is just removed)</td><td>{@code NOT_FOUND}: not a child of this supervisor</td></tr>
 *   <tr><td>{@link #whichChildren}</td><td>one {@link ChildInfo} per child, in no order (O(n): for tools)</td><td>-</td></tr>
 *   <tr><td>{@link #countChildren}</td><td>{@link Counts}, O(1)</td><td>-</td></tr>
 * </table>
 * {@code Error(X)} is {@code StartResult.Error(ExitReason.other(SupervisorError.X))}. As for
 * {@link Supervisor}, calls wait for ever and throw {@link io.islands.runtime.ExitException}
 * (noproc) when the supervisor is not alive; {@link #terminateChild} throws
 * {@link UnsupportedOperationException} on a {@link Supervisor}. Stop it with {@link
 * Supervisor#stop}. Exit reasons: {@code shutdown} when it gives up, else the reason of the
 * signal or stop that ended it.
 */
public final class DynamicSupervisor {
    /** No limit: for maxChildren, intensity and maxRestartsPerChild. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    private DynamicSupervisor() {}

    /**
     * How a dynamic supervisor behaves. Immutable; start from {@link #defaults()}.
     *
     * <p>The constructor throws IllegalArgumentException naming the field for a negative number,
     * or a null or non-positive period.
     *
     * @param maxChildren the most children held at once, zero or more ({@link DynamicSupervisor#UNLIMITED}: default)
     * @param intensity supervisor-wide restarts allowed within {@code period} (default 3;
     *     {@link DynamicSupervisor#UNLIMITED}: no supervisor-wide limit)
     * @param period the supervisor-wide window, positive (default 5 s)
     * @param maxRestartsPerChild restarts of one child allowed within {@code perChildPeriod}
     *     ({@link DynamicSupervisor#UNLIMITED}, the default: no per-child limit, as in OTP)
     * @param perChildPeriod the per-child window, positive (default 5 s)
     * @param name where to register the supervisor (null: unnamed)
     * @param onGiveUp told when the per-child limit removes a child (null: nobody). Runs on the
     *     supervisor's thread: it must be quick and must not call this supervisor
     */
    public record Options(int maxChildren, int intensity, Duration period, int maxRestartsPerChild,
                          Duration perChildPeriod, Name name, Consumer<GivenUp> onGiveUp) {
        public Options {
            if (maxChildren < 0) {
                throw new IllegalArgumentException("dynamic supervisor options: maxChildren must not be negative: " + maxChildren);
            }
            RestartWindow.validate("dynamic supervisor options", "intensity", intensity, "period", period);
            RestartWindow.validate("dynamic supervisor options", "maxRestartsPerChild", maxRestartsPerChild,
                    "perChildPeriod", perChildPeriod);
        }

        /** @return unlimited children, 3 restarts in 5 s, no per-child limit, no name */
        public static Options defaults() {
            return new Options(UNLIMITED, SupervisorFlags.DEFAULT_INTENSITY, SupervisorFlags.DEFAULT_PERIOD,
                    UNLIMITED, SupervisorFlags.DEFAULT_PERIOD, null, null);
        }

        public Options withMaxChildren(int maxChildren) {
            return new Options(maxChildren, intensity, period, maxRestartsPerChild, perChildPeriod, name, onGiveUp);
        }

        public Options withIntensity(int intensity, Duration period) {
            return new Options(maxChildren, intensity, period, maxRestartsPerChild, perChildPeriod, name, onGiveUp);
        }

        public Options withMaxRestartsPerChild(int max, Duration period) {
            return new Options(maxChildren, intensity, this.period, max, period, name, onGiveUp);
        }

        public Options withName(Name name) {
            return new Options(maxChildren, intensity, period, maxRestartsPerChild, perChildPeriod, name, onGiveUp);
        }

        public Options withOnGiveUp(Consumer<GivenUp> onGiveUp) {
            return new Options(maxChildren, intensity, period, maxRestartsPerChild, perChildPeriod, name, onGiveUp);
        }
    }

    /** Starts a dynamic supervisor linked to the calling process. Inside a process. */
    public static StartResult startLink(Options options) {
        return GenServer.startLink(new DynamicSupervisorServer(check(options)), startOptions(options));
    }

    /** Starts a dynamic supervisor that is not linked to the caller; works from any thread. */
    public static StartResult start(Options options) {
        return GenServer.start(new DynamicSupervisorServer(check(options)), startOptions(options));
    }

    /** @return a spec for a supervisor child that runs {@code startLink(options)} */
    public static ChildSpec childSpec(Object id, Options options) {
        check(options);
        return ChildSpec.supervisor(id, () -> startLink(options));
    }

    private static Options check(Options options) {
        if (options == null) {
            throw new IllegalArgumentException("dynamic supervisor: options must not be null");
        }
        return options;
    }

    private static GenServer.StartOptions startOptions(Options options) {
        return options.name() == null ? GenServer.StartOptions.DEFAULT : GenServer.StartOptions.named(options.name());
    }

    /** Starts a child from {@code spec} and keeps it. See the contract. */
    public static StartResult startChild(Pid sup, ChildSpec spec) {
        return Supervisor.startChild(sup, spec);
    }

    /** Stops the child {@code child} and removes it. See the contract. */
    public static ChildResult terminateChild(Pid sup, Pid child) {
        return (ChildResult) Requests.call(sup, new Requests.TerminatePid(child), "terminateChild");
    }

    /** @return every child, running or restarting, in no order */
    public static List<ChildInfo> whichChildren(Pid sup) {
        return Supervisor.whichChildren(sup);
    }

    /** @return the counts; {@code active} is the number of running children */
    public static Counts countChildren(Pid sup) {
        return Supervisor.countChildren(sup);
    }
}
