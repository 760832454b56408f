package io.islands.runtime;

import java.util.concurrent.locks.LockSupport;

/**
 * The caller of a {@link GenServer#call}: where its reply goes. A server may keep it and answer
 * later with {@link GenServer#reply(From, Object)} (a deferred reply).
 *
 * <p>Design note: a one-shot slot. The first of reply, the server's death (this is also the
 * call's monitor on the server) or the caller's timeout wins; later outcomes are dropped, so a
 * late reply never reaches a caller that gave up (unlike OTP before aliases, no stale reply is
 * left in any mailbox). {@code outcome} is written once by CAS-like synchronization on this
 * object and read by the waiting thread.
 */
public final class From extends ProcessCell.Watch {
    private static final Object NULL_REPLY = new Object();

    private final Thread waiter;
    private final Pid caller;
    private volatile Object outcome; // null: pending; NULL_REPLY; Failure; or the reply

    record Failure(ExitReason reason) {}

    From(Thread waiter, Pid caller) {
        this.waiter = waiter;
        this.caller = caller;
    }

    /** @return the calling process ({@link Pid#EXTERNAL} for a caller outside any process) */
    public Pid caller() {
        return caller;
    }

    boolean isDone() {
        return outcome != null;
    }

    boolean complete(Object value) {
        synchronized (this) {
            if (outcome != null) {
                return false;
            }
            outcome = value == null ? NULL_REPLY : value;
        }
        LockSupport.unpark(waiter);
        return true;
    }

    @Override
    void down(Pid pid, ExitReason reason) {
        complete(new Failure(reason));
    }

    /** @return the outcome once done: the reply (null for a null reply), or a {@link Failure} */
    Object outcome() {
        Object o = outcome;
        return o == NULL_REPLY ? null : o;
    }

    @Override
    public String toString() {
        return "From[" + caller + "]";
    }
}
