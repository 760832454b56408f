package io.islands.runtime.supervisor;

import io.islands.runtime.ExitReason;
import java.time.Instant;
import java.util.Objects;

/**
 * One restart a supervisor made, as {@link Supervisor#status} reports it. Immutable.
 *
 * @param at when the supervisor restarted the child (wall clock)
 * @param childId the restarted child's spec id
 * @param reason why: the exit reason of the child's last run, or of its last failed start
 */
public record RestartRecord(Instant at, Object childId, ExitReason reason) {
    public RestartRecord {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
    }
}
