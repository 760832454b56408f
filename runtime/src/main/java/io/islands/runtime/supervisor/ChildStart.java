package io.islands.runtime.supervisor;

import io.islands.runtime.StartResult;

/**
 * How a supervisor starts a child: OTP's start {M, F, A}. It runs inside the supervisor process
 * and must create the child <b>and link it to the caller</b> (the supervisor), for instance with
 * {@link io.islands.runtime.GenServer#startLink}, then return:
 * <ul>
 *   <li>{@link StartResult.Ok}: the child runs;</li>
 *   <li>{@link StartResult.Ignore}: nothing runs; the spec is kept without a pid (a temporary
 *       spec is dropped);</li>
 *   <li>{@link StartResult.Error} or {@link StartResult.AlreadyStarted}: the start failed.</li>
 * </ul>
 * A start that throws counts as an error: {@link io.islands.runtime.ExitException} with its
 * reason, anything else as {@link io.islands.runtime.ExitReason.Crash}. A start that returns
 * null fails with reason {@code bad_start_result}.
 */
@FunctionalInterface
public interface ChildStart {
    StartResult start() throws Exception;
}
