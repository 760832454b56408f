package io.islands.runtime;

/**
 * What starting a process that acknowledges its start returns: OTP's
 * {@code {ok, Pid} | ignore | {error, {already_started, Pid}} | {error, Reason}}.
 */
public sealed interface StartResult {
    /** Started; the process is running and reachable. */
    record Ok(Pid pid) implements StartResult {}

    /** The process chose not to start ({@link InitResult#ignore()}); nothing runs. */
    record Ignore() implements StartResult {}

    /** The name asked for is held by {@code pid}; nothing new was started. */
    record AlreadyStarted(Pid pid) implements StartResult {}

    /** The start failed with {@code reason}; nothing runs. */
    record Error(ExitReason reason) implements StartResult {}

    /**
     * @return the pid of a started process
     * @throws ExitException carrying the reason when the start did not give a running process
     *     ({@code already_started} for {@link AlreadyStarted}, {@code ignore} for {@link Ignore})
     */
    default Pid pid() {
        return switch (this) {
            case Ok ok -> ok.pid();
            case AlreadyStarted a -> throw new ExitException(ExitReason.other("already_started"), "already started as " + a.pid());
            case Ignore i -> throw new ExitException(ExitReason.other("ignore"), "start ignored");
            case Error e -> throw new ExitException(e.reason(), "start failed: " + e.reason());
        };
    }
}
