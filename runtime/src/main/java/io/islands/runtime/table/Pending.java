package io.islands.runtime.table;

/**
 * What a key holds while a batch is being written: readers see {@link #before} until the
 * batch's {@link Commit} flips, then {@link #after}. The flip is one volatile write, so a batch
 * becomes visible to every reader at one instant (its linearization point); the batch then
 * replaces each pending object by its {@code after} before letting writers in again.
 *
 * <p>Threads: {@code before} is final; {@code after} is written only by the batch's thread
 * before the commit, and read by others only after they have seen the commit (volatile
 * write, then volatile read), so it needs no lock.
 */
final class Pending {
    /** The visibility switch shared by all the pending objects of one batch. */
    static final class Commit {
        volatile boolean done;
    }

    final Commit commit;
    final Object before;
    Object after;

    Pending(Commit commit, Object before, Object after) {
        this.commit = commit;
        this.before = before;
        this.after = after;
    }

    /** @return what readers see now: null, a value, or a {@link Bag} */
    Object visible() {
        return commit.done ? after : before;
    }

    /** @return {@code stored} as readers see it: unwraps a pending object */
    static Object visible(Object stored) {
        return stored instanceof Pending p ? p.visible() : stored;
    }
}
