package io.islands.runtime;

import io.islands.runtime.internal.ProcessHooks;

/**
 * A process identifier: the address of one process, valid forever, never reused.
 *
 * <p>Sending to the pid of a dead process is allowed and does nothing, as in Erlang. Two pids are
 * equal when they name the same process. {@link #toString()} prints {@code <0.ID.0>} like Erlang.
 *
 * <p>{@link #EXTERNAL} stands for code that runs outside any process (a test's main thread, a
 * JVM shutdown hook): it is the sender of signals such code sends, and it is never alive.
 */
public final class Pid implements Comparable<Pid> {
    /** The sender of signals sent from outside any process. Never alive; sends to it are dropped. */
    public static final Pid EXTERNAL = new Pid(0, null);

    static {
        ProcessHooks.install(new ProcessHooksProvider()); // before any pid reaches a hook
    }

    private final long id;
    /** The process behind this pid; null only for {@link #EXTERNAL}. */
    final ProcessCell cell;

    Pid(long id, ProcessCell cell) {
        this.id = id;
        this.cell = cell;
    }

    /** @return the unique, increasing number of this process (0 for {@link #EXTERNAL}) */
    public long id() {
        return id;
    }

    /** @return whether the process is alive now (a dying process, whose exit has begun, is not) */
    public boolean isAlive() {
        return cell != null && cell.isAlive();
    }

    @Override
    public int compareTo(Pid o) {
        return Long.compare(id, o.id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pid p && p.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "<0." + id + ".0>";
    }
}
