package io.islands.runtime.observe;

import io.islands.runtime.Pid;
import io.islands.runtime.supervisor.SupervisorStatus;
import java.util.List;
import java.util.Optional;

/**
 * One supervisor in a supervision tree as {@link Inspect} saw it. Immutable.
 *
 * @param pid the supervisor
 * @param status its settings, restarts and children; empty if it did not answer in time (busy
 *     starting or stopping a child) or exited meanwhile
 * @param children its listed children in its order, each with its own subtree if it is a
 *     supervisor (the same children as {@code status.children()})
 */
public record SupervisorInfo(Pid pid, Optional<SupervisorStatus> status, List<ChildNode> children) {
    public SupervisorInfo {
        children = List.copyOf(children);
    }
}
