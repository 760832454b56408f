package io.islands.runtime.supervisor;

import io.islands.runtime.GenServer;
import io.islands.runtime.Pid;

/** The calls the supervisor API makes to a supervisor process: immutable messages. */
final class Requests {
    private Requests() {}

    enum Simple { WHICH_CHILDREN, COUNT_CHILDREN }

    record TerminateChild(Object id) {}

    record TerminatePid(Pid pid) {}

    record RestartChild(Object id) {}

    record DeleteChild(Object id) {}

    record StartChild(ChildSpec spec) {}

    /** Asks for a {@link SupervisorStatus} listing at most {@code maxChildren} children. */
    record GetStatus(int maxChildren) {}

    /** The reply of a supervisor to a request of the other kind of supervisor. */
    enum Unsupported { INSTANCE }

    /**
     * Calls {@code sup} and waits for ever, as OTP's supervisor calls do (a management call may
     * have to wait for a child's shutdown).
     *
     * @throws io.islands.runtime.ExitException noproc if {@code sup} is not alive, or its exit
     *     reason if it exits before replying
     * @throws UnsupportedOperationException if {@code sup} is the other kind of supervisor
     */
    static Object call(Pid sup, Object request, String function) {
        if (sup == null) {
            throw new IllegalArgumentException(function + ": supervisor pid must not be null");
        }
        Object reply = GenServer.call(sup, request, null);
        if (reply == Unsupported.INSTANCE) {
            throw new UnsupportedOperationException(function + " is not supported by " + sup);
        }
        return reply;
    }
}
