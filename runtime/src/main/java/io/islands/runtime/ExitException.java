package io.islands.runtime;

/**
 * An exit, thrown as an exception: by {@link Proc#exit(ExitReason)} to end the calling process,
 * and by {@link GenServer#call} when the server is gone, dies or does not answer in time.
 *
 * <p>Inside a process, an uncaught {@code ExitException} ends the process with {@link #reason()},
 * as an uncaught exit does in Erlang. It may be caught, like Erlang's {@code catch exit:...}.
 */
public class ExitException extends RuntimeException {
    private final transient ExitReason reason;

    public ExitException(ExitReason reason) {
        this(reason, "exit: " + reason);
    }

    public ExitException(ExitReason reason, String message) {
        super(message, reason instanceof ExitReason.Crash c ? c.error() : null);
        this.reason = reason;
    }

    /** @return the exit reason this exception carries */
    public ExitReason reason() {
        return reason;
    }
}
