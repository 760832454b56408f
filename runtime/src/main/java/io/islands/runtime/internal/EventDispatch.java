package io.islands.runtime.internal;

import io.islands.runtime.ExitReason;
import io.islands.runtime.observe.CrashReport;
import io.islands.runtime.observe.LongSchedule;
import io.islands.runtime.observe.RuntimeEvents;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The listeners of {@link RuntimeEvents}, and how the runtime's own packages tell them of an
 * event. Not part of the runtime's API (its package is exported only to Islands modules); the
 * public side is {@link RuntimeEvents#subscribe}.
 *
 * <h2>Design note</h2>
 * The listeners are a copy-on-write array in one volatile field: an event with nobody
 * subscribed costs one volatile read. (Un)subscribing copies the array under a lock. Listeners
 * run on the thread of the event (the dying process, the supervisor) and must be quick and must
 * not block; an exception a listener throws is swallowed so that it cannot hurt the runtime.
 */
public final class EventDispatch {
    private static final RuntimeEvents.Listener[] NONE = new RuntimeEvents.Listener[0];
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static volatile RuntimeEvents.Listener[] listeners = NONE;

    private EventDispatch() {}

    /** Adds {@code listener}; it hears every event from now on. Adding it twice makes it hear twice. */
    public static void subscribe(RuntimeEvents.Listener listener) {
        Objects.requireNonNull(listener, "listener");
        LOCK.lock();
        try {
            RuntimeEvents.Listener[] now = Arrays.copyOf(listeners, listeners.length + 1);
            now[now.length - 1] = listener;
            listeners = now;
        } finally {
            LOCK.unlock();
        }
    }

    /** Removes one subscription of {@code listener}. @return whether it was subscribed */
    public static boolean unsubscribe(RuntimeEvents.Listener listener) {
        LOCK.lock();
        try {
            List<RuntimeEvents.Listener> now = new ArrayList<>(Arrays.asList(listeners));
            boolean removed = now.remove(listener);
            listeners = now.isEmpty() ? NONE : now.toArray(NONE);
            return removed;
        } finally {
            LOCK.unlock();
        }
    }

    /** @return whether anybody listens (one volatile read): lets the runtime skip building an event */
    public static boolean active() {
        return listeners.length != 0;
    }

    /** Tells the listeners of a crash. */
    public static void crashed(CrashReport report) {
        for (RuntimeEvents.Listener l : listeners) {
            try {
                l.onCrash(report);
            } catch (RuntimeException ignored) {
                // a listener must not hurt the runtime
            }
        }
    }

    /** Tells the listeners of a long schedule. */
    public static void longSchedule(LongSchedule event) {
        for (RuntimeEvents.Listener l : listeners) {
            try {
                l.onLongSchedule(event);
            } catch (RuntimeException ignored) {
                // a listener must not hurt the runtime
            }
        }
    }

    /** Tells the listeners of a restart. */
    public static void restarting(String supervisor, Object childId, ExitReason reason) {
        for (RuntimeEvents.Listener l : listeners) {
            try {
                l.onRestart(supervisor, childId, reason);
            } catch (RuntimeException ignored) {
                // a listener must not hurt the runtime
            }
        }
    }
}
