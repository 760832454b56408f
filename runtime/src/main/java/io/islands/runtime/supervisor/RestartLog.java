package io.islands.runtime.supervisor;

import io.islands.runtime.ExitReason;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A supervisor's restart history for the observer: the number of restarts since it started and
 * the last {@link #KEPT} of them. Written only on the restart path, never per message. Owned by
 * one supervisor process; not thread-safe.
 */
final class RestartLog {
    static final int KEPT = 10;

    private long total;
    /** Allocated at the first restart, like {@link RestartWindow}'s stamps. */
    private ArrayDeque<RestartRecord> recent;

    void add(Object childId, ExitReason reason) {
        total++;
        if (recent == null) {
            recent = new ArrayDeque<>(KEPT);
        }
        if (recent.size() == KEPT) {
            recent.pollFirst();
        }
        recent.addLast(new RestartRecord(Instant.now(), childId, reason));
    }

    long total() {
        return total;
    }

    /** @return the kept restarts, newest first (a copy) */
    List<RestartRecord> recent() {
        if (recent == null) {
            return List.of();
        }
        List<RestartRecord> out = new ArrayList<>(recent);
        java.util.Collections.reverse(out);
        return List.copyOf(out);
    }
}
