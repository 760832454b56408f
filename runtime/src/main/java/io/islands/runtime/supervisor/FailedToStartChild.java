package io.islands.runtime.supervisor;

import io.islands.runtime.ExitReason;

/**
 * Why a {@link Supervisor} failed to start: its child {@code id} failed with {@code reason}.
 * The start returns {@code StartResult.Error(ExitReason.shutdown(new FailedToStartChild(id,
 * reason)))}, OTP's {@code {error, {shutdown, {failed_to_start_child, Id, Reason}}}}.
 */
public record FailedToStartChild(Object id, ExitReason reason) {
    @Override
    public String toString() {
        return "{failed_to_start_child, " + id + ", " + reason + "}";
    }
}
