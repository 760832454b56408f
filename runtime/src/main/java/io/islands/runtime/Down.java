package io.islands.runtime;

/**
 * The message a monitoring process receives when the monitored process exits: Erlang's
 * {@code {'DOWN', Ref, process, Pid, Reason}}. Sent at once with {@link ExitReason.NoProc} when
 * the target was already dead at {@link Proc#monitor(Pid)}.
 *
 * @param ref the reference {@link Proc#monitor(Pid)} returned
 * @param pid the monitored process
 * @param reason why it exited
 */
public record Down(MonitorRef ref, Pid pid, ExitReason reason) {}
