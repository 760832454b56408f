package io.islands.runtime.supervisor;

/**
 * Whether a child is a worker or a supervisor: it sets the default {@link Shutdown} (5 s for a
 * worker, infinity for a supervisor) and is counted apart by {@code countChildren}.
 */
public enum ChildType {
    WORKER,
    SUPERVISOR
}
