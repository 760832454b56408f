package io.islands.runtime.supervisor;

import io.islands.runtime.ExitException;
import io.islands.runtime.ExitReason;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.StartResult;
import io.islands.runtime.internal.ProcessHooks;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Runs a child spec's start function inside the supervisor (OTP's {@code do_start_child}). */
final class ChildStarter {
    static final System.Logger LOG = System.getLogger("io.islands.runtime.supervisor");
    static final ExitReason BAD_START_RESULT = ExitReason.other("bad_start_result");

    /** The supervisors alive now (static and dynamic), for {@link Supervisor#running()}. */
    static final Set<Pid> LIVE = ConcurrentHashMap.newKeySet();

    private ChildStarter() {}

    /**
     * Starts a child the supervisor starts by itself (its initial children, restarts): a failure
     * is logged as OTP's start_error report, since nobody else hears of it.
     *
     * @return as {@link #startForCaller}
     */
    static StartResult start(ChildSpec spec, String supervisor) {
        StartResult result = startForCaller(spec);
        if (!(result instanceof StartResult.Ok) && !(result instanceof StartResult.Ignore)) {
            LOG.log(Level.ERROR, "supervisor {0}: start_error: child {1} failed to start: {2}",
                    supervisor, ChildSpec.quote(spec.id()), result);
        }
        return result;
    }

    /**
     * Starts a child for a start_child or restart_child call, whose caller gets the result: as
     * in OTP, nothing is logged (an AlreadyStarted there is an answer, not an error).
     *
     * @return the start function's result; a throw becomes {@link StartResult.Error} (an
     *     {@link ExitException}'s reason, or a crash), null becomes bad_start_result
     */
    static StartResult startForCaller(ChildSpec spec) {
        StartResult result;
        try {
            result = spec.start().start();
            if (result == null) {
                result = new StartResult.Error(BAD_START_RESULT);
            }
        } catch (ExitException e) {
            result = new StartResult.Error(e.reason());
        } catch (Exception e) {
            result = new StartResult.Error(ExitReason.crash(e));
        }
        return result;
    }

    /**
     * Makes the calling supervisor process trap exits. @return its name for logs: its label
     * (name) if it has one, else its pid
     */
    static String becomeSupervisor() {
        Proc.trapExit(true);
        Pid self = Proc.self();
        if (ProcessHooks.addExitHook(self, (pid, reason) -> LIVE.remove(pid))) {
            LIVE.add(self);
        }
        String label = Proc.label(Proc.self());
        return label != null ? label : Proc.self().toString();
    }

    /** @return the reason a failed start gives: an error's reason, or the AlreadyStarted itself */
    static ExitReason failure(StartResult result) {
        return result instanceof StartResult.Error e ? e.reason() : ExitReason.other(result);
    }
}
