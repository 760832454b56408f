package io.islands.runtime;

/**
 * The message an exit signal becomes in a process that traps exits ({@link Proc#trapExit}):
 * Erlang's {@code {'EXIT', From, Reason}}.
 *
 * @param from the process that sent the signal or whose death sent it over a link
 *     ({@link Pid#EXTERNAL} for code outside any process)
 * @param reason the reason carried
 */
public record Exit(Pid from, ExitReason reason) {}
