package io.islands.runtime.supervisor;

import io.islands.runtime.ExitReason;
import io.islands.runtime.Pid;
import java.util.Optional;

/**
 * One child of a {@link DynamicSupervisor}, kept across its restarts (so that its own restart
 * window survives them). Mutable; touched only by the supervisor process.
 */
final class DynamicChild {
    final ChildSpec spec;
    /** The running process; null while a failed restart waits to be retried. */
    Pid pid;
    /** Why its last run ended or its last restart failed, for a retry and for {@link GivenUp}. */
    ExitReason lastReason;
    /** Its own restarts, when a per-child limit is set (else null). */
    final RestartWindow window;

    DynamicChild(ChildSpec spec, RestartWindow window) {
        this.spec = spec;
        this.window = window;
    }

    ChildShutdown.Target target() {
        return new ChildShutdown.Target(pid, spec.shutdown(), spec.restart());
    }

    ChildInfo info() {
        return new ChildInfo(spec.id(), Optional.ofNullable(pid), pid == null, spec.type(), spec.restart());
    }
}
