package io.islands.runtime.observe;

import io.islands.runtime.ExitReason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runtime events for metrics: crashes and supervisor restarts, told to subscribed listeners as
 * they happen.
 *
 * <h2>Design note</h2>
 * The listeners are a copy-on-write array in one volatile field: an event with nobody
 * subscribed costs one volatile read. (Un)subscribing copies the array under a lock. Listeners
 * run on the thread of the event (the dying process, the supervisor) and must be quick and must
 * not block; an exception a listener throws is swallowed so that it cannot hurt the runtime.
 */
public final class RuntimeEvents {
    /** What a subscriber hears. Every method has a no-op default. */
    public interface Listener {
        /**
         * A process crashed: it ended abnormally by its own code (the same event as a crash
         * report in the log). Called on the dying process's thread after its exit hooks, before
         * its links and monitors are told.
         */
        default void onCrash(CrashReport report) {}

        /**
         * A supervisor restarts a child after the child's exit with {@code reason}: called once
         * per restart attempt, before the start (which may fail and be retried; a retry is not
         * told again), on the supervisor's thread.
         *
         * @param supervisor the supervisor's name: its label, or its pid as text
         * @param childId    the child's id in its spec
         */
        default void onRestart(String supervisor, Object childId, ExitReason reason) {}

        /**
         * A process has kept a carrier thread past the long-schedule threshold without reaching
         * a safe point: told once per episode, on the runtime's scheduler thread (which must
         * not be held up: be quick).
         */
        default void onLongSchedule(LongSchedule event) {}
    }

    private static final Listener[] NONE = new Listener[0];
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static volatile Listener[] listeners = NONE;

    private RuntimeEvents() {}

    /** Adds {@code listener}; it hears every event from now on. Adding it twice makes it hear twice. */
    public static void subscribe(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        LOCK.lock();
        try {
            Listener[] now = Arrays.copyOf(listeners, listeners.length + 1);
            now[now.length - 1] = listener;
            listeners = now;
        } finally {
            LOCK.unlock();
        }
    }

    /** Removes one subscription of {@code listener}. @return whether it was subscribed */
    public static boolean unsubscribe(Listener listener) {
        LOCK.lock();
        try {
            List<Listener> now = new ArrayList<>(Arrays.asList(listeners));
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

    /** Tells the listeners of a crash. For the runtime's own use. */
    public static void crashed(CrashReport report) {
        for (Listener l : listeners) {
            try {
                l.onCrash(report);
            } catch (RuntimeException ignored) {
                // a listener must not hurt the runtime
            }
        }
    }

    /** Tells the listeners of a long schedule. For the runtime's own use. */
    public static void longSchedule(LongSchedule event) {
        for (Listener l : listeners) {
            try {
                l.onLongSchedule(event);
            } catch (RuntimeException ignored) {
                // a listener must not hurt the runtime
            }
        }
    }

    /** Tells the listeners of a restart. For the runtime's own use. */
    public static void restarting(String supervisor, Object childId, ExitReason reason) {
        for (Listener l : listeners) {
            try {
                l.onRestart(supervisor, childId, reason);
            } catch (RuntimeException ignored) {
                // a listener must not hurt the runtime
            }
        }
    }
}
