package io.islands.runtime.supervisor;

import io.islands.runtime.Exit;
import io.islands.runtime.ExitReason;
import io.islands.runtime.From;
import io.islands.runtime.GenServer;
import io.islands.runtime.InitResult;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.Result;
import io.islands.runtime.StartResult;
import io.islands.runtime.internal.EventDispatch;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The process behind a {@link DynamicSupervisor}: a {@link GenServer} that traps exits (Elixir's
 * dynamic_supervisor.ex, plus an optional per-child restart limit).
 *
 * <p>Design note: the GenServer state is this object; every mutable field is touched only by
 * the supervisor's process thread. {@code running} maps each live child's pid to its record and
 * {@code restarting} maps the pid of a child whose restart failed to its record, so starting,
 * exiting, restarting and terminating one child are O(1) whatever the number of children; the
 * counts are kept as counters.
 */
final class DynamicSupervisorServer implements GenServer<DynamicSupervisorServer> {
    /** Retry the failed restart of the child whose last pid this is. */
    record RetryRestartOfPid(Pid lastPid) {}

    private final DynamicSupervisor.Options options;
    private final HashMap<Pid, DynamicChild> running = new HashMap<>();
    private final HashMap<Pid, DynamicChild> restarting = new HashMap<>();
    private int supervisors;
    private final LongSupplier nanoClock;
    private RestartWindow restarts;
    private final RestartLog restartLog = new RestartLog();
    private String name;

    DynamicSupervisorServer(DynamicSupervisor.Options options) {
        this(options, RestartWindow.SYSTEM_CLOCK);
    }

    /** @param nanoClock the clock of the restart windows, overall and per child (tests move one by hand) */
    DynamicSupervisorServer(DynamicSupervisor.Options options, LongSupplier nanoClock) {
        this.options = options;
        this.nanoClock = nanoClock;
    }

    @Override
    public InitResult<DynamicSupervisorServer> init() {
        name = ChildStarter.becomeSupervisor();
        restarts = new RestartWindow(options.intensity(), options.period(), nanoClock);
        return InitResult.ok(this);
    }

    /** Stops all running children concurrently (see {@link ChildShutdown#stopAll}). */
    @Override
    public void terminate(ExitReason reason, DynamicSupervisorServer self) {
        List<ChildShutdown.Target> targets = new ArrayList<>(running.size());
        for (DynamicChild c : running.values()) {
            targets.add(c.target());
        }
        running.clear();
        restarting.clear();
        ChildShutdown.stopAll(targets, name);
    }

    // ---- calls -----------------------------------------------------------------------------

    @Override
    public Result<DynamicSupervisorServer> handleCall(Object request, From from, DynamicSupervisorServer self) {
        Object reply = switch (request) {
            case Requests.StartChild s -> startChild(s.spec());
            case Requests.TerminatePid t -> terminateChild(t.pid());
            case Requests.Simple s when s == Requests.Simple.WHICH_CHILDREN -> whichChildren();
            case Requests.Simple s -> new Counts(specs(), running.size(), supervisors, specs() - supervisors);
            case Requests.GetStatus s -> status(s.maxChildren());
            default -> Requests.Unsupported.INSTANCE;
        };
        return Result.reply(reply, this);
    }

    private int specs() {
        return running.size() + restarting.size();
    }

    private StartResult startChild(ChildSpec spec) {
        if (specs() >= options.maxChildren()) {
            return SupervisorError.MAX_CHILDREN.result();
        }
        StartResult result = ChildStarter.startForCaller(spec);
        if (result instanceof StartResult.Ok ok) {
            RestartWindow window = options.maxRestartsPerChild() == DynamicSupervisor.UNLIMITED ? null
                    : new RestartWindow(options.maxRestartsPerChild(), options.perChildPeriod(), nanoClock);
            DynamicChild c = new DynamicChild(spec, window);
            c.pid = ok.pid();
            running.put(c.pid, c);
            if (spec.type() == ChildType.SUPERVISOR) {
                supervisors++;
            }
        }
        return result;
    }

    private ChildResult terminateChild(Pid pid) {
        DynamicChild c = running.remove(pid);
        if (c != null) {
            ChildShutdown.stop(c.target(), name);
        } else if ((c = restarting.remove(pid)) == null) {
            return ChildResult.error(SupervisorError.NOT_FOUND);
        }
        forget(c);
        return ChildResult.OK;
    }

    private List<ChildInfo> whichChildren() {
        List<ChildInfo> out = new ArrayList<>(specs());
        running.values().forEach(c -> out.add(c.info()));
        restarting.values().forEach(c -> out.add(c.info()));
        return out;
    }

    private SupervisorStatus status(int maxChildren) {
        List<ChildInfo> some = new ArrayList<>(Math.min(maxChildren, specs()));
        for (var group : List.of(running.values(), restarting.values())) {
            for (DynamicChild c : group) {
                if (some.size() >= maxChildren) {
                    break;
                }
                some.add(c.info());
            }
        }
        return new SupervisorStatus(Proc.self(), name, true, Strategy.ONE_FOR_ONE, options.intensity(),
                options.period(), restartLog.total(), restartLog.recent(), specs(), some);
    }

    private void forget(DynamicChild c) {
        if (c.spec.type() == ChildType.SUPERVISOR) {
            supervisors--;
        }
    }

    // ---- exits and restarts ----------------------------------------------------------------

    @Override
    public Result<DynamicSupervisorServer> handleInfo(Object message, DynamicSupervisorServer self) {
        switch (message) {
            case Exit e -> {
                DynamicChild c = running.remove(e.from());
                if (c == null) {
                    return Result.noReply(this); // not a child (any more): ignored, as in OTP
                }
                c.pid = null;
                c.lastReason = e.reason();
                if (c.spec.restart().restartsAfter(e.reason())) {
                    if (EventDispatch.active()) {
                        EventDispatch.restarting(name, c.spec.id(), e.reason());
                    }
                    return restart(c, e.from());
                }
                forget(c);
            }
            case RetryRestartOfPid t -> {
                DynamicChild c = restarting.remove(t.lastPid());
                if (c != null) {
                    return restart(c, t.lastPid());
                }
            }
            default -> ChildStarter.LOG.log(Level.WARNING, "dynamic supervisor {0} received unexpected message: {1}",
                    name, message);
        }
        return Result.noReply(this);
    }

    /**
     * Restarts {@code c}: the per-child limit first (exceeded: give up on this child alone), then
     * the supervisor-wide intensity (exceeded: the supervisor shuts down), then the start.
     */
    private Result<DynamicSupervisorServer> restart(DynamicChild c, Pid lastPid) {
        if (c.window != null && !c.window.add()) {
            giveUp(c, lastPid);
            return Result.noReply(this);
        }
        if (!restarts.add()) {
            ChildStarter.LOG.log(Level.ERROR,
                    "dynamic supervisor {0}: reached_max_restart_intensity ({1} restarts in {2}); shutting down",
                    name, restarts.size(), options.period());
            forget(c);
            return Result.stop(ExitReason.shutdown(), this);
        }
        restartLog.add(c.spec.id(), c.lastReason);
        StartResult result = ChildStarter.start(c.spec, name);
        switch (result) {
            case StartResult.Ok ok -> {
                c.pid = ok.pid();
                running.put(c.pid, c);
            }
            case StartResult.Ignore i -> forget(c);
            default -> {
                c.lastReason = ChildStarter.failure(result);
                restarting.put(lastPid, c);
                Proc.send(Proc.self(), new RetryRestartOfPid(lastPid));
            }
        }
        return Result.noReply(this);
    }

    private void giveUp(DynamicChild c, Pid lastPid) {
        forget(c);
        GivenUp event = new GivenUp(c.spec.id(), lastPid, c.lastReason, c.window.size());
        ChildStarter.LOG.log(Level.WARNING,
                "dynamic supervisor {0}: gave up on child {1} ({2}): {3} restarts within {4}, last reason {5}",
                name, ChildSpec.quote(c.spec.id()), lastPid, event.restarts(), options.perChildPeriod(), event.reason());
        if (options.onGiveUp() != null) {
            try {
                options.onGiveUp().accept(event);
            } catch (RuntimeException e) {
                ChildStarter.LOG.log(Level.ERROR, "dynamic supervisor " + name + ": onGiveUp listener failed", e);
            }
        }
    }
}
