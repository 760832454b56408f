package io.islands.runtime.supervisor;

import io.islands.runtime.ExitReason;
import io.islands.runtime.StartResult;
import java.util.Optional;

/**
 * The errors the supervisor management functions return (OTP's {@code {error, Atom}}). In a
 * {@link StartResult.Error} they travel as the reason {@code ExitReason.other(error)}; read them
 * back with {@link #of(StartResult)}.
 */
public enum SupervisorError {
    /** No child with this id (or pid). */
    NOT_FOUND,
    /** The child is running; terminate it first. */
    RUNNING,
    /** The child's restart failed and will be tried again. */
    RESTARTING,
    /** A spec with this id is held, without a running process. */
    ALREADY_PRESENT,
    /** A {@link DynamicSupervisor} holds {@code maxChildren} children already. */
    MAX_CHILDREN;

    /** @return this error as an exit reason, as carried by {@link StartResult.Error} */
    public ExitReason reason() {
        return ExitReason.other(this);
    }

    /** @return the error as a start result */
    StartResult result() {
        return new StartResult.Error(reason());
    }

    /** @return the supervisor error {@code result} carries, if it is one */
    public static Optional<SupervisorError> of(StartResult result) {
        return result instanceof StartResult.Error(ExitReason.Other(SupervisorError e))
                ? Optional.of(e) : Optional.empty();
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
