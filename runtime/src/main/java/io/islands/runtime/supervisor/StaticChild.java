package io.islands.runtime.supervisor;

import io.islands.runtime.Pid;
import java.util.Optional;

/**
 * One child of a {@link Supervisor}, as the supervisor process tracks it. Mutable; touched only
 * by that process.
 */
final class StaticChild {
    final ChildSpec spec;
    /** The running process, or null (not started, exited, terminated, or restarting). */
    Pid pid;
    /** A failed restart waits to be tried again. */
    boolean restarting;

    StaticChild(ChildSpec spec) {
        this.spec = spec;
    }

    Object id() {
        return spec.id();
    }

    ChildShutdown.Target target() {
        return new ChildShutdown.Target(pid, spec.shutdown(), spec.restart());
    }

    ChildInfo info() {
        return new ChildInfo(spec.id(), Optional.ofNullable(pid), restarting, spec.type(), spec.restart());
    }
}
