package io.islands.runtime.supervisor;

import io.islands.runtime.ExitReason;
import io.islands.runtime.Pid;

/**
 * A {@link DynamicSupervisor} gave up on one child: it exited (or failed to restart) more than
 * {@code maxRestartsPerChild} times within the per-child period, so it was removed instead of
 * restarted. Delivered to {@link DynamicSupervisor.Options#onGiveUp}.
 *
 * @param id the child spec's id
 * @param lastPid the pid of its last run
 * @param reason why its last run ended (or its last restart failed)
 * @param restarts the restarts counted in the window, this last one included
 */
public record GivenUp(Object id, Pid lastPid, ExitReason reason, int restarts) {}
