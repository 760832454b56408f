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
 * The process behind a {@link Supervisor}: a {@link GenServer} that traps exits (OTP's
 * supervisor.erl for one_for_one, one_for_all and rest_for_one).
 *
 * <p>Design note: the GenServer state is this object itself; every mutable field below is
 * touched only by the supervisor's process thread (init, the callbacks and terminate run
 * there). Other threads reach it only through GenServer calls carrying {@link Requests}, whose
 * replies are immutable records. {@code children} holds the specs in start order; {@code byPid}
 * indexes the running ones, so that an {@link Exit} finds its child in O(1).
 */
final class SupervisorServer implements GenServer<SupervisorServer> {
    /** Retry a restart that failed, after the messages already queued (OTP's try_again_restart). */
    record RetryRestart(Object id) {}

    /** The reason recorded for a retried restart (the failed start was logged when it failed). */
    private static final ExitReason TRY_AGAIN = ExitReason.other("try_again_restart");

    private final SupervisorFlags flags;
    private final List<ChildSpec> initial;
    private final ArrayList<StaticChild> children = new ArrayList<>();
    private final HashMap<Pid, StaticChild> byPid = new HashMap<>();
    private final LongSupplier nanoClock;
    private RestartWindow restarts;
    private final RestartLog restartLog = new RestartLog();
    private String name;

    SupervisorServer(SupervisorFlags flags, List<ChildSpec> initial) {
        this(flags, initial, RestartWindow.SYSTEM_CLOCK);
    }

    /** @param nanoClock the clock of the restart intensity window (tests move one by hand) */
    SupervisorServer(SupervisorFlags flags, List<ChildSpec> initial, LongSupplier nanoClock) {
        this.flags = flags;
        this.initial = initial;
        this.nanoClock = nanoClock;
    }

    // ---- init and terminate ----------------------------------------------------------------

    @Override
    public InitResult<SupervisorServer> init() {
        name = ChildStarter.becomeSupervisor();
        restarts = new RestartWindow(flags.intensity(), flags.period(), nanoClock);
        for (ChildSpec spec : initial) {
            StaticChild child = new StaticChild(spec);
            StartResult result = ChildStarter.start(spec, name);
            switch (result) {
                case StartResult.Ok ok -> {
                    children.add(child);
                    setPid(child, ok.pid());
                }
                case StartResult.Ignore ignore -> {
                    if (spec.restart() != Restart.TEMPORARY) {
                        children.add(child);
                    }
                }
                default -> {
                    terminateAll();
                    return InitResult.stop(ExitReason.shutdown(
                            new FailedToStartChild(spec.id(), ChildStarter.failure(result))));
                }
            }
        }
        return InitResult.ok(this);
    }

    /** Stops every running child, last started first. Runs on any stop but a kill. */
    @Override
    public void terminate(ExitReason reason, SupervisorServer self) {
        terminateAll();
    }

    private void terminateAll() {
        for (int i = children.size() - 1; i >= 0; i--) {
            stopChild(children.get(i));
        }
    }

    private void stopChild(StaticChild c) {
        if (c.pid != null) {
            ChildShutdown.stop(c.target(), name);
            byPid.remove(c.pid);
            c.pid = null;
        }
        c.restarting = false;
    }

    private void setPid(StaticChild c, Pid pid) {
        c.pid = pid;
        c.restarting = false;
        byPid.put(pid, c);
    }

    // ---- exits and restarts ----------------------------------------------------------------

    @Override
    public Result<SupervisorServer> handleInfo(Object message, SupervisorServer self) {
        return switch (message) {
            case Exit e -> childExited(e.from(), e.reason());
            case RetryRestart t -> {
                StaticChild c = find(t.id());
                yield c != null && c.restarting ? restart(c, TRY_AGAIN) : Result.noReply(this);
            }
            default -> {
                ChildStarter.LOG.log(Level.WARNING, "supervisor {0} received unexpected message: {1}", name, message);
                yield Result.noReply(this);
            }
        };
    }

    private Result<SupervisorServer> childExited(Pid pid, ExitReason reason) {
        StaticChild c = byPid.remove(pid);
        if (c == null) {
            return Result.noReply(this); // not a child now (already stopped by us): OTP ignores it
        }
        c.pid = null;
        if (c.spec.restart().restartsAfter(reason)) {
            if (EventDispatch.active()) {
                EventDispatch.restarting(name, c.id(), reason);
            }
            return restart(c, reason);
        }
        if (c.spec.restart() == Restart.TEMPORARY) {
            children.remove(c);
        }
        return Result.noReply(this);
    }

    /** OTP's restart/2: count the restart, give up past the intensity, else apply the strategy. */
    private Result<SupervisorServer> restart(StaticChild c, ExitReason reason) {
        if (!restarts.add()) {
            ChildStarter.LOG.log(Level.ERROR,
                    "supervisor {0}: reached_max_restart_intensity ({1} restarts in {2}) restarting child {3}; shutting down",
                    name, restarts.size(), flags.period(), ChildSpec.quote(c.id()));
            c.restarting = false;
            return Result.stop(ExitReason.shutdown(), this);
        }
        restartLog.add(c.id(), reason);
        StaticChild failed = switch (flags.strategy()) {
            case ONE_FOR_ONE -> restartOne(c);
            case ONE_FOR_ALL -> restartFrom(0);
            case REST_FOR_ONE -> restartFrom(children.indexOf(c));
        };
        if (failed != null) {
            failed.restarting = true;
            Proc.send(Proc.self(), new RetryRestart(failed.id()));
        }
        return Result.noReply(this);
    }

    /** @return c if its start failed, else null */
    private StaticChild restartOne(StaticChild c) {
        StartResult result = ChildStarter.start(c.spec, name);
        if (result instanceof StartResult.Ok ok) {
            setPid(c, ok.pid());
        } else if (result instanceof StartResult.Ignore) {
            c.restarting = false;
        } else {
            return c;
        }
        return null;
    }

    /**
     * Terminates the children from index {@code from} on in reverse start order (temporary ones
     * are removed), then starts them in order, stopping at the first failure.
     *
     * @return the child whose start failed, or null
     */
    private StaticChild restartFrom(int from) {
        List<StaticChild> group = new ArrayList<>(children.subList(from, children.size()));
        for (int i = group.size() - 1; i >= 0; i--) {
            StaticChild c = group.get(i);
            stopChild(c);
            if (c.spec.restart() == Restart.TEMPORARY) {
                children.remove(c);
                group.remove(i);
            }
        }
        for (StaticChild c : group) {
            StartResult result = ChildStarter.start(c.spec, name);
            if (result instanceof StartResult.Ok ok) {
                setPid(c, ok.pid());
            } else if (!(result instanceof StartResult.Ignore)) {
                return c;
            }
        }
        return null;
    }

    // ---- management calls ------------------------------------------------------------------

    @Override
    public Result<SupervisorServer> handleCall(Object request, From from, SupervisorServer self) {
        Object reply = switch (request) {
            case Requests.Simple s when s == Requests.Simple.WHICH_CHILDREN ->
                    children.stream().map(StaticChild::info).toList();
            case Requests.Simple s -> counts();
            case Requests.TerminateChild t -> terminateChild(t.id());
            case Requests.RestartChild r -> restartChild(r.id());
            case Requests.DeleteChild d -> deleteChild(d.id());
            case Requests.StartChild s -> startChild(s.spec());
            case Requests.GetStatus s -> new SupervisorStatus(Proc.self(), name, false, flags.strategy(), flags.intensity(),
                    flags.period(), restartLog.total(), restartLog.recent(), children.size(),
                    children.stream().limit(s.maxChildren()).map(StaticChild::info).toList());
            default -> Requests.Unsupported.INSTANCE;
        };
        return Result.reply(reply, this);
    }

    private Counts counts() {
        int active = 0;
        int supervisors = 0;
        for (StaticChild c : children) {
            if (c.pid != null && c.pid.isAlive()) {
                active++;
            }
            if (c.spec.type() == ChildType.SUPERVISOR) {
                supervisors++;
            }
        }
        return new Counts(children.size(), active, supervisors, children.size() - supervisors);
    }

    private StaticChild find(Object id) {
        for (StaticChild c : children) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }

    private ChildResult terminateChild(Object id) {
        StaticChild c = find(id);
        if (c == null) {
            return ChildResult.error(SupervisorError.NOT_FOUND);
        }
        stopChild(c);
        if (c.spec.restart() == Restart.TEMPORARY) {
            children.remove(c);
        }
        return ChildResult.OK;
    }

    private StartResult restartChild(Object id) {
        StaticChild c = find(id);
        if (c == null) {
            return SupervisorError.NOT_FOUND.result();
        } else if (c.restarting) {
            return SupervisorError.RESTARTING.result();
        } else if (c.pid != null) {
            return SupervisorError.RUNNING.result();
        }
        StartResult result = ChildStarter.startForCaller(c.spec);
        if (result instanceof StartResult.Ok ok) {
            setPid(c, ok.pid());
        }
        return result;
    }

    private ChildResult deleteChild(Object id) {
        StaticChild c = find(id);
        if (c == null) {
            return ChildResult.error(SupervisorError.NOT_FOUND);
        } else if (c.restarting) {
            return ChildResult.error(SupervisorError.RESTARTING);
        } else if (c.pid != null) {
            return ChildResult.error(SupervisorError.RUNNING);
        }
        children.remove(c);
        return ChildResult.OK;
    }

    private StartResult startChild(ChildSpec spec) {
        StaticChild existing = find(spec.id());
        if (existing != null) {
            return existing.pid != null ? new StartResult.AlreadyStarted(existing.pid)
                    : SupervisorError.ALREADY_PRESENT.result();
        }
        StartResult result = ChildStarter.startForCaller(spec);
        StaticChild c = new StaticChild(spec);
        if (result instanceof StartResult.Ok ok) {
            children.add(c);
            setPid(c, ok.pid());
        } else if (result instanceof StartResult.Ignore && spec.restart() != Restart.TEMPORARY) {
            children.add(c);
        }
        return result;
    }
}
