package io.islands.runtime.supervisor;

import io.islands.runtime.Pid;
import java.time.Duration;
import java.util.List;

/**
 * One supervisor as {@link Supervisor#status} sees it: its settings, its restarts and (some
 * of) its children. Immutable; one consistent reading, taken by the supervisor process itself.
 *
 * @param pid the supervisor
 * @param name its label (registered name) or its pid as text
 * @param dynamic true for a {@link DynamicSupervisor} (whose strategy is always one_for_one)
 * @param strategy the restart strategy
 * @param intensity restarts allowed within {@code period} ({@link DynamicSupervisor#UNLIMITED}: no limit)
 * @param period the intensity's window
 * @param restarts restarts made since the supervisor started
 * @param recentRestarts the last few restarts (at most 10), newest first
 * @param childCount how many children the supervisor holds (may exceed {@code children.size()})
 * @param children the first children (start order; for a dynamic supervisor in no order), at
 *     most the {@code maxChildren} asked for
 */
public record SupervisorStatus(Pid pid, String name, boolean dynamic, Strategy strategy, int intensity,
        Duration period, long restarts, List<RestartRecord> recentRestarts, int childCount, List<ChildInfo> children) {
    public SupervisorStatus {
        recentRestarts = List.copyOf(recentRestarts);
        children = List.copyOf(children);
    }
}
