package io.islands.runtime.checkpoint;

import java.util.Objects;

/**
 * One saved version of a process's state.
 *
 * @param revision 1 for the first save of a key, then +1 for every save
 * @param state the state, immutable
 */
public record Saved<S>(long revision, S state) {
    public Saved {
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be >= 1, was " + revision);
        }
        Objects.requireNonNull(state, "state");
    }
}
